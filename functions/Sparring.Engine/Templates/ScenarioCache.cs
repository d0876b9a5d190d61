using System.Collections.Concurrent;
using System.Text.Json;

namespace Sparring.Engine.Templates;

/// <summary>
/// What loading has learnt about template instances, by content hash: a generator's output for (environment,
/// template, split, index), and that an instance's content passed every check with its gold state hash. An entry is
/// found only for the same inputs, so a hit is exactly what running again would give. In memory, bounded (when full it
/// stops growing), shared by the loads of one <see cref="Environments.EnvironmentLoader"/>; <see cref="InFolder"/> also
/// keeps it in a folder between processes (the CLI uses &lt;env&gt;/.sparring-cache/). Thread-safe.
/// </summary>
public sealed class ScenarioCache
{
    /// <summary>The folder name the CLI keeps an environment's cache in, beside its spec.</summary>
    public const string DefaultFolderName = ".sparring-cache";

    /// <summary>The default bound of the memory the entries take, estimated: 64 MiB, some 20,000 instances.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private const string FileName = "scenarios.json";

    // Entries hold for one build of the engine and of Jint: another build may generate or check differently.
    private static readonly string EngineBuild =
        $"{typeof(ScenarioCache).Assembly.ManifestModule.ModuleVersionId:N}/{typeof(Jint.Engine).Assembly.GetName().Version}";

    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long _maxBytes;
    private long _bytes;
    private bool _opened;
    private int _changed;

    /// <summary>A cache in memory only, its entries taking at most about <paramref name="maxBytes"/>.</summary>
    public ScenarioCache(long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _maxBytes = maxBytes;
    }

    private ScenarioCache(string folder, long maxBytes)
        : this(maxBytes)
    {
        Folder = folder;
    }

    /// <summary>The folder the cache is kept in between processes; null for a cache in memory only.</summary>
    public string? Folder { get; }

    /// <summary>Entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>The memory the entries take, estimated.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>A cache kept in <paramref name="folder"/> (created when first saved, with a .gitignore of its own).</summary>
    public static ScenarioCache InFolder(string folder, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return new ScenarioCache(Path.GetFullPath(folder), maxBytes);
    }

    /// <summary>The default cache folder of an environment (a folder or its spec file): .sparring-cache beside the spec.</summary>
    public static string DefaultFolder(string environmentPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(environmentPath);
        var folder = Directory.Exists(environmentPath) ? environmentPath : Path.GetDirectoryName(Path.GetFullPath(environmentPath))!;
        return Path.Combine(folder, DefaultFolderName);
    }

    internal bool TryGet(string key, out string value)
    {
        if (_entries.TryGetValue(key, out value!))
        {
            _used.TryAdd(key, 0);
            return true;
        }

        return false;
    }

    internal void Set(string key, string value)
    {
        if (Add(key, value))
        {
            _used.TryAdd(key, 0);
            Interlocked.Exchange(ref _changed, 1);
        }
    }

    // Two strings and their share of the dictionaries: about 100 bytes beyond the characters.
    private bool Add(string key, string value)
    {
        var size = (2L * (key.Length + value.Length)) + 100;
        if (Interlocked.Read(ref _bytes) + size > _maxBytes || !_entries.TryAdd(key, value))
        {
            return false;
        }

        Interlocked.Add(ref _bytes, size);
        return true;
    }

    /// <summary>Reads the folder's entries once; a missing, unreadable or other build's file is an empty cache.</summary>
    internal async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (Folder is null || Volatile.Read(ref _opened))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_opened)
            {
                return;
            }

            _opened = true;
            var path = Path.Combine(Folder, FileName);
            if (!File.Exists(path))
            {
                return;
            }

            try
            {
                await using var stream = File.OpenRead(path);
                var file = await JsonSerializer.DeserializeAsync(stream, TemplatesJsonContext.Default.ScenarioCacheFile, cancellationToken).ConfigureAwait(false);
                if (file?.Engine == EngineBuild)
                {
                    foreach (var (key, value) in file.Entries)
                    {
                        Add(key, value);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                // A cache is an optimization: a damaged one is rebuilt, never an error.
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes the entries used or added since the cache was opened, replacing the file whole, when anything changed;
    /// returns the error that prevented it, if one did. Entries not used by this process's loads are dropped, so the file
    /// follows the environment as it changes.
    /// </summary>
    internal async Task<Exception?> SaveAsync(CancellationToken cancellationToken)
    {
        if (Folder is null || Interlocked.Exchange(ref _changed, 0) == 0)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(Folder, FileName);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            var ignore = Path.Combine(Folder, ".gitignore");
            if (!File.Exists(ignore))
            {
                await File.WriteAllTextAsync(ignore, "# The scenario cache of sparring: derived data, never committed.\n*\n", cancellationToken).ConfigureAwait(false);
            }

            var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in _used.Keys)
            {
                if (_entries.TryGetValue(key, out var value))
                {
                    entries[key] = value;
                }
            }

            // Written whole beside it and moved over it, so a reader never sees half a file.
            await using (var stream = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(stream, new ScenarioCacheFile(EngineBuild, entries), TemplatesJsonContext.Default.ScenarioCacheFile, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return ex;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind in a folder that cannot be written; the next save writes another name.
        }
    }
}
