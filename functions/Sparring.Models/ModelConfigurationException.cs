namespace Sparring.Models;

/// <summary>A model name or its configuration is wrong (unknown name, no key, no endpoint); the message says what to set.</summary>
public sealed class ModelConfigurationException(string message) : Exception(message);
