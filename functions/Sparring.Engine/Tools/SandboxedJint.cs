using System.Globalization;
using Jint;

namespace Sparring.Engine.Tools;

/// <summary>Jint set up as the sandbox requires, for tools and scenario generators alike: strict, a frozen UTC clock, no string compilation, the sandbox's limits, and the clock and random host functions that <c>ctx</c> is built on.</summary>
internal static class SandboxedJint
{
    /// <summary>A new engine; <paramref name="random"/> gives the random source in force at each call, which its owner reseeds per tool call or per instance.</summary>
    public static Jint.Engine Create(ToolSandbox sandbox, Func<DeterministicRandom> random, CancellationToken cancellationToken)
    {
        var limits = sandbox.Limits;
        var engine = new Jint.Engine(options =>
        {
            options.Strict = true;
            options.TimeSystem = new FrozenTimeSystem(sandbox.Now);
            options.TimeZone = TimeZoneInfo.Utc;
            options.Culture = CultureInfo.InvariantCulture;
            options.Host.StringCompilationAllowed = false;
            options.TimeoutInterval(TimeSpan.FromMilliseconds(limits.TimeoutMs));
            options.MaxStatements(limits.MaxStatements);
            options.LimitMemory(limits.MaxMemoryBytes);
            options.LimitRecursion(limits.MaxRecursion);
            options.CancellationToken(cancellationToken);
        });
        engine.SetValue("__sparringNow", sandbox.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        engine.SetValue("__sparringRandom", new Func<double>(() => random().NextDouble()));
        engine.SetValue("__sparringNewId", new Func<string, string>(prefix => prefix + random().NextUInt64().ToString("X16", CultureInfo.InvariantCulture)[..10]));
        return engine;
    }
}
