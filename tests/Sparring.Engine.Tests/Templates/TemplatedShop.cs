using Sparring.Engine.Tests.Environments;
using Sparring.Engine.Tests.Fixtures;

namespace Sparring.Engine.Tests.Templates;

/// <summary>Copies of the templated-shop fixture (4,000 instances) in a temporary folder, with fewer instances.</summary>
internal static class TemplatedShop
{
    public const string CancelCounts = "instances: { train: 2400, test: 800 }";
    public const string StatusCounts = "instances: { train: 600, test: 200 }";

    /// <summary>The fixture with these counts, in a folder of its own (its cache folder left out).</summary>
    public static SpecFolder Copy(int cancelTrain = 40, int cancelTest = 12, int statusTrain = 6, int statusTest = 3)
    {
        var folder = new SpecFolder();
        var source = Fixture.Path("templated-shop");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith(Engine.Templates.ScenarioCache.DefaultFolderName, StringComparison.Ordinal))
            {
                continue;
            }

            var target = folder.FilePath(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var spec = File.ReadAllText(folder.SpecPath);
        spec = ValidSpec.Replace(spec, CancelCounts, $"instances: {{ train: {cancelTrain}, test: {cancelTest} }}");
        spec = ValidSpec.Replace(spec, StatusCounts, $"instances: {{ train: {statusTrain}, test: {statusTest} }}");
        File.WriteAllText(folder.SpecPath, spec);
        return folder;
    }

    /// <summary>The folder's spec text.</summary>
    public static string Spec(this SpecFolder folder) => File.ReadAllText(folder.SpecPath);
}
