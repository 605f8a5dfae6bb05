using JasperFx.Events;
using Marten.Exceptions;
using Npgsql;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The one retry policy of every write into the ledger (HTTP batches, import chunks, xAPI statements): a transaction
/// that lost a race with another writer — same stream version, same event id or idempotency key, a serialization
/// failure or deadlock — is run again from the start, so it re-validates against what the winner stored and then sees
/// its events as duplicates or appends after them. Anything else is not retried.
/// </summary>
internal static class AppendRetry
{
    /// <summary>Enough for a hot stream under heavy contention; losing twenty races in a row means something else is wrong.</summary>
    public const int MaxAttempts = 20;

    /// <param name="attempt">Runs one whole transaction; receives the attempt number (1 = first).</param>
    /// <param name="isFinal">Lets the caller turn a race into an answer instead of a retry (e.g. a stale expectedVersion).</param>
    public static async Task<T> RunAsync<T>(Func<int, Task<T>> attempt, CancellationToken ct, Func<Exception, T?>? isFinal = null)
        where T : class
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt(n);
            }
            catch (Exception ex) when (isFinal?.Invoke(ex) is { } answer)
            {
                return answer;
            }
            catch (Exception ex) when (n < MaxAttempts && IsLostRace(ex))
            {
                // Random, growing back-off so two writers that collided do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(5, 20 * n), ct);
            }
        }
    }

    public static bool IsLostRace(Exception ex) => IsVersionConflict(ex) || IsUniqueViolation(ex);

    /// <summary>Marten found the stream at another version than expected (or a stream to start already there).</summary>
    public static bool IsVersionConflict(Exception ex) => Chain(ex).Any(e =>
        e is EventStreamUnexpectedMaxEventIdException or JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.ConcurrencyException);

    private static bool IsUniqueViolation(Exception ex) => Chain(ex).Any(e =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected });

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException) yield return ex;
    }
}
