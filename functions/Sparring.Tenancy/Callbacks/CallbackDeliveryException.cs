namespace Sparring.Tenancy.Callbacks;

/// <summary>An attempt to deliver a completion callback failed and another should follow (the caller's retry policy decides when).</summary>
public sealed class CallbackDeliveryException : Exception
{
    /// <summary>With what went wrong.</summary>
    public CallbackDeliveryException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
