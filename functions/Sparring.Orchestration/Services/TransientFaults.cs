using System.Net;

namespace Sparring.Orchestration.Services;

/// <summary>Tells failures worth retrying from the rest.</summary>
public static class TransientFaults
{
    /// <summary>
    /// Network failures, timeouts, HTTP 408/429/5xx, and SDK exceptions carrying such a status (Azure's
    /// RequestFailedException and OpenAI's ClientResultException both expose an integer Status): the library
    /// recognizes them by that property so it need not reference either SDK.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case FileNotFoundException or DirectoryNotFoundException:
                    return false;
                case TransientFaultException or TimeoutException or IOException:
                    return true;
                case HttpRequestException http:
                    return http.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)http.StatusCode >= 500;
            }

            if (current.GetType().GetProperty("Status")?.GetValue(current) is int status)
            {
                return status is 0 or 408 or 429 or >= 500;
            }
        }

        return false;
    }
}
