using Sparring.Engine.Environments;

namespace Sparring.Engine.Tests.Environments;

/// <summary>Loads environments/medical-supply-support once for a test class.</summary>
public sealed class MedicalSupplyFixture : IAsyncLifetime
{
    private LoadedEnvironment? _environment;

    public LoadedEnvironment Environment => _environment ?? throw new InvalidOperationException("The environment is not loaded yet.");

    public async Task InitializeAsync() => _environment = await new EnvironmentLoader().LoadAsync(RepositoryPaths.Environment("medical-supply-support"));

    public Task DisposeAsync() => Task.CompletedTask;
}
