namespace Sparring.EmbeddedHost;

/// <summary>An evaluation run ended without a result (failed or terminated); the message says why.</summary>
public sealed class RunFailedException(string message) : Exception(message);
