namespace Sparring.Transcripts.Tests;

internal static class TestData
{
    public static string Root { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Environment => Path.Combine(Root, "environments", "medical-supply-support");

    public static string Synthetic => Path.Combine(Environment, "transcripts", "synthetic.jsonl");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Functions.sln not found above the test folder.");
    }
}
