using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Sparring.Architecture.Tests;

/// <summary>The repository's projects read from their .csproj and packages.lock.json files.</summary>
internal sealed class ProjectGraph
{
    private static readonly string[] Roots = ["functions", "gpu-worker", "environments", "tools", "tests", "bench"];

    private readonly Dictionary<string, ProjectInfo> _projects;

    private ProjectGraph(Dictionary<string, ProjectInfo> projects) => _projects = projects;

    /// <summary>Every project under the product's top-level folders (the Bicep CLI's restore-only project aside).</summary>
    public IReadOnlyCollection<ProjectInfo> Projects => _projects.Values;

    public ProjectInfo this[string name] => _projects.TryGetValue(name, out var project)
        ? project
        : throw new KeyNotFoundException($"No project named {name} under {string.Join(", ", Roots)}.");

    public static ProjectGraph Load(string root)
    {
        var projects = new Dictionary<string, ProjectInfo>(StringComparer.Ordinal);
        foreach (var top in Roots)
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, top), "*.csproj", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) || relative.StartsWith("tools/bicep/", StringComparison.Ordinal))
                {
                    continue;
                }

                var project = Read(root, path, relative);
                projects.Add(project.Name, project);
            }
        }

        return new ProjectGraph(projects);
    }

    /// <summary>The projects <paramref name="name"/> references, directly or through others.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(this[name].ProjectReferences);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in this[next].ProjectReferences)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>The source projects and their direct references, one line each, grouped by top-level folder: the graph docs/architecture.md shows.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _projects.Values.Where(p => !p.IsTestOrBench).GroupBy(p => p.Root).OrderBy(g => Array.IndexOf(Roots, g.Key)))
        {
            text.Append(group.Key).Append("/\n");
            foreach (var project in group.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var references = project.ProjectReferences.Select(r => Short(r, project)).Order(StringComparer.Ordinal);
                text.Append("  ").Append(Short(project.Name, null));
                text.Append(project.ProjectReferences.Count == 0 ? "\n" : " → " + string.Join(", ", references) + "\n");
            }
        }

        return text.ToString();
    }

    // A reference to another top-level folder keeps the folder, so the graph shows where the layers meet.
    private string Short(string name, ProjectInfo? from)
    {
        var shortName = name.StartsWith("Sparring.", StringComparison.Ordinal) ? name["Sparring.".Length..] : name;
        return from is not null && this[name].Root != from.Root ? $"{this[name].Root}/{shortName}" : shortName;
    }

    private static ProjectInfo Read(string root, string path, string relative)
    {
        var document = XDocument.Load(path);
        var folder = Path.GetDirectoryName(path)!;
        // By file name, as ProjectReference names projects.
        var name = Path.GetFileNameWithoutExtension(path);
        var projectReferences = document.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        var packageReferences = document.Descendants("PackageReference")
            .Select(e => e.Attribute("Include")!.Value)
            .ToList();
        return new ProjectInfo(name, Path.GetRelativePath(root, folder).Replace('\\', '/'), relative, projectReferences, packageReferences, LockedPackages(Path.Combine(folder, "packages.lock.json")));
    }

    private static List<string> LockedPackages(string lockFile)
    {
        if (!File.Exists(lockFile))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(lockFile));
        return document.RootElement.GetProperty("dependencies").EnumerateObject()
            .SelectMany(framework => framework.Value.EnumerateObject())
            .Where(package => package.Value.GetProperty("type").GetString() != "Project")
            .Select(package => package.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
