using System.Globalization;
using Jint.Runtime;

namespace Sparring.Engine.Tools;

/// <summary>Makes JavaScript's clock (new Date(), Date.now()) read the environment's frozen instant, in UTC.</summary>
internal sealed class FrozenTimeSystem(DateTimeOffset now) : DefaultTimeSystem(TimeZoneInfo.Utc, CultureInfo.InvariantCulture)
{
    public override DateTimeOffset GetUtcNow() => now;
}
