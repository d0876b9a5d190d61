namespace Sparring.Orchestration.Services;

/// <summary>A failure worth retrying (a model's 429 or 5xx, a storage timeout); activities throw it so Durable retries with backoff.</summary>
public sealed class TransientFaultException(string message, Exception inner) : Exception(message, inner);
