using Sparring.Engine.Environments;

namespace Sparring.Samples.Tests.MedicalSupply;

/// <summary>Loads the medical-supply environment once for every test class of the collection.</summary>
public sealed class MedicalSupplyEnvironment : IAsyncLifetime
{
    public static string Folder => RepositoryPaths.Environment("medical-supply-support");

    public LoadedEnvironment Environment { get; private set; } = null!;

    public async Task InitializeAsync() => Environment = await new EnvironmentLoader().LoadAsync(Folder);

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class MedicalSupplyCollection : ICollectionFixture<MedicalSupplyEnvironment>
{
    public const string Name = "medical-supply";
}
