using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Sparring.Abstractions.Storage;
using Sparring.Functions.Nightly;
using Sparring.Functions.Tests.Access;
using Sparring.Tenancy.Tenants;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Functions.Tests.Nightly;

/// <summary>The nightly schedule starts each tenant's night once, when its CRON fires; jobs go to Service Bus asking to be reported back.</summary>
public sealed class NightlyScheduleTests
{
    private static readonly NightlyOptions Options = new()
    {
        EnvironmentName = "medical-supply-support",
        EnvironmentVersion = "1.0.0",
        PublicBaseUrl = new Uri("https://sparring-app.azurewebsites.net/"),
        DurableSystemKey = "k3y/+",
    };

    private static NightlyScheduleFunction Schedule(out InMemoryTenantDirectory tenants)
    {
        tenants = new InMemoryTenantDirectory(new FakeTimeProvider());
        tenants.Add(new TenantDefinition("contoso", NightlyCron: "0 2 * * *"));
        tenants.Add(new TenantDefinition("fabrikam"));
        tenants.Add(new TenantDefinition("tailspin", NightlyCron: "30 3 * * *"));
        return new NightlyScheduleFunction(tenants, Options, new FakeTimeProvider(), NullLogger<NightlyScheduleFunction>.Instance);
    }

    [Fact]
    public async Task A_tenant_is_due_in_the_tick_after_its_cron_fires_and_not_again()
    {
        var schedule = Schedule(out _);

        var due = await schedule.DueAsync(new DateTimeOffset(2026, 11, 27, 2, 10, 0, TimeSpan.Zero), default);
        var later = await schedule.DueAsync(new DateTimeOffset(2026, 11, 27, 2, 25, 0, TimeSpan.Zero), default);

        var night = Assert.Single(due);
        Assert.Equal("nightly-contoso-20261127-0200", night.NightlyId);
        Assert.Equal("contoso", night.Tenant);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero), night.Now);
        Assert.Equal(new EnvironmentReference(Name: "medical-supply-support", Version: "1.0.0"), night.Environment);
        Assert.Equal("medical-supply-support-policy", night.PolicyModel);
        Assert.Equal("https://sparring-app.azurewebsites.net/api/runs/nightly-contoso-20261127-0200", night.Callback?.RunUrl);
        Assert.Empty(later);
        Assert.Equal("tailspin", Assert.Single(await schedule.DueAsync(new DateTimeOffset(2026, 11, 27, 3, 44, 0, TimeSpan.Zero), default)).Tenant);
    }

    [Fact]
    public async Task A_job_is_sent_once_per_id_and_asks_to_raise_TrainingCompleted_on_its_orchestration()
    {
        var sender = new Mock<ServiceBusSender>();
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>())).Callback<ServiceBusMessage, CancellationToken>((m, _) => sent = m).Returns(Task.CompletedTask);
        var jobs = new ServiceBusTrainingJobs(new Lazy<ServiceBusSender>(sender.Object), Options, NullLogger<ServiceBusTrainingJobs>.Instance);
        var job = new TrainingJob
        {
            JobId = "contoso-nightly-contoso-20261127-0200-sft",
            Tenant = "contoso",
            Kind = TrainingKind.Sft,
            Environment = new EnvironmentReference(Name: "medical-supply-support", Version: "1.0.0"),
            Output = new ModelReference("medical-supply-support-policy", "nightly-contoso-20261127-0200"),
        };

        await jobs.SubmitAsync(job, "nightly-contoso-20261127-0200", default);

        Assert.NotNull(sent);
        Assert.Equal(job.JobId, sent.MessageId);
        var body = JsonSerializer.Deserialize(sent.Body.ToArray(), TrainingJobJsonContext.Default.TrainingJob)!;
        Assert.Equal(
            "https://sparring-app.azurewebsites.net/runtime/webhooks/durabletask/instances/nightly-contoso-20261127-0200/raiseEvent/TrainingCompleted?code=k3y%2F%2B",
            body.Completion?.RaiseEventUrl?.AbsoluteUri);
        var unset = new ServiceBusTrainingJobs(new Lazy<ServiceBusSender>(sender.Object), Options with { DurableSystemKey = null }, NullLogger<ServiceBusTrainingJobs>.Instance);
        Assert.Contains("DurableSystemKey", (await Assert.ThrowsAsync<InvalidOperationException>(() => unset.SubmitAsync(job, "x", default))).Message, StringComparison.Ordinal);
    }
}
