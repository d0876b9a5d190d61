using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("../x", "1", "Model name (Name) '../x'")]
    [InlineData("a/b", "1", "Model name (Name) 'a/b'")]
    [InlineData("", "1", "Model name (Name) ''")]
    [InlineData("agent", "current", "'current' is the name of the model's pointer")]
    [InlineData("agent", "1..2", "Model version (Version) '1..2'")]
    [InlineData("agent", ".hidden", "Model version (Version) '.hidden'")]
    [InlineData("agent", "v 1", "Model version (Version) 'v 1'")]
    public void Names_and_versions_that_are_not_safe_path_segments_are_refused_naming_the_field(string name, string version, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ModelReference(name, version));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_checks_the_new_value_too()
    {
        var model = new ModelReference("agent", "1");

        var ex = Assert.Throws<ArgumentException>(() => model with { Version = "../2" });

        Assert.Equal("Version", ex.ParamName);
        Assert.Equal(new ModelReference("agent", "2"), model with { Version = "2" });
    }

    [Fact]
    public void Parse_reads_name_at_version_and_prints_back_the_same()
    {
        var model = ModelReference.Parse("support-agent@2025-01-03.1");

        Assert.Equal(new ModelReference("support-agent", "2025-01-03.1"), model);
        Assert.Equal("support-agent@2025-01-03.1", model.ToString());
        Assert.True(ModelReference.TryParse("a@b", out var parsed));
        Assert.Equal(new ModelReference("a", "b"), parsed);
    }

    [Theory]
    [InlineData("agent", "is not 'name@version'")]
    [InlineData("a@b@c", "is not 'name@version'")]
    [InlineData("agent@", "Model version (Version) ''")]
    [InlineData("../agent@1", "Model name (Name) '../agent'")]
    [InlineData("agent@current", "resolve it with ICheckpointStore.ResolveAsync")]
    public void Parse_refuses_what_is_not_a_stored_version_saying_why(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ModelReference.Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(ModelReference.TryParse(text, out _));
    }

    [Fact]
    public void Split_accepts_current_in_place_of_a_version()
    {
        Assert.Equal(("agent", "current"), ModelReference.Split("agent@current"));
        Assert.Throws<FormatException>(() => ModelReference.Split("agent@current@x"));
    }

    [Fact]
    public void A_manifest_reads_back_from_its_json()
    {
        var manifest = new CheckpointManifest("1.0", "agent", "1", DateTimeOffset.UnixEpoch, [new CheckpointFile("checkpoint.bin", 12, "ab")]);

        var json = JsonSerializer.Serialize(manifest, SparringJsonContext.Indented.CheckpointManifest);
        var read = JsonSerializer.Deserialize(json, SparringJsonContext.Default.CheckpointManifest);

        Assert.Contains("\"sha256\": \"ab\"", json, StringComparison.Ordinal);
        Assert.NotNull(read);
        Assert.True(read.HasSameFiles(manifest));
        Assert.False(read.HasSameFiles(manifest with { Files = [new CheckpointFile("checkpoint.bin", 12, "cd")] }));
    }

    [Fact]
    public void Versions_sort_with_numbers_compared_as_numbers()
    {
        string[] versions = ["10", "2", "1.10", "b", "1.9", "a", "1", "01", "2025-01-03.2", "2025-01-03.10"];

        Assert.Equal(
            ["01", "1", "1.9", "1.10", "2", "10", "2025-01-03.2", "2025-01-03.10", "a", "b"],
            versions.Order(ModelVersionComparer.Instance));
    }
}
