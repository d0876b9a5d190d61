namespace Sparring.Engine.Tests.Environments;

/// <summary>The test classes that share one load of tau2-retail, which replays 114 scenarios on a 2.8 MB state.</summary>
[CollectionDefinition(Name)]
public sealed class Tau2RetailCollection : ICollectionFixture<Tau2RetailFixture>
{
    public const string Name = "tau2-retail";
}
