namespace Sparring.Training.Chat;

/// <summary>How a served policy samples when the request does not say.</summary>
public sealed record PolicySampling(float Temperature = 1f, float TopP = 1f, int MaxNewTokens = 160);
