using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Sparring.Functions.DependencyInjection;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSparringRuns(builder.Configuration);
builder.Services.AddSparringTenancy(builder.Configuration);
builder.Services.AddSparringNightly(builder.Configuration);
builder.Services.AddSparringTelemetry(builder.Configuration);
builder.Build().Run();
