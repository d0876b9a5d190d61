namespace Sparring.Tests;

/// <summary>The test collection sharing one <see cref="AzuriteFixture"/>: mark test classes <c>[Collection(AzuriteCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Azurite";
}
