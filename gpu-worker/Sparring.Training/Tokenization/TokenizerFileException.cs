namespace Sparring.Training.Tokenization;

/// <summary>A tokenizer file that cannot be loaded: another format or version, a content hash mismatch, or bad data.</summary>
public sealed class TokenizerFileException(string message, Exception? innerException = null)
    : Exception(message, innerException);
