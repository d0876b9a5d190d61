using Sparring.Engine.Environments;

namespace Sparring.Engine.Tests.Fixtures;

/// <summary>Loads the test environments that live beside the tests.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", name);

    public static Task<LoadedEnvironment> LoadAsync(string name) => new EnvironmentLoader().LoadAsync(Path(name));
}
