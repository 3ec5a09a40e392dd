using ActorEcho.Cluster.Counters;
using ActorEcho.Cluster.Database;
using Npgsql;
using static ActorEcho.Cluster.Database.ClusterSchema;

namespace ActorEcho.Cluster.Membership;

/// <summary>What one heartbeat round read back. <paramref name="SelfAccepted"/> is false when this member's row was already down.</summary>
internal sealed record HeartbeatRound(bool SelfAccepted, IReadOnlyList<MemberRow> Members, IReadOnlyList<CounterRow> Counters);

/// <summary>
/// The member and counter tables in SQL. Every time comparison is made with the server's <c>now()</c>, so nodes
/// whose clocks disagree still agree on who is down. Each statement commits on its own: a round holds no row lock
/// while it waits on the next statement, so two nodes marking each other down cannot deadlock.
/// </summary>
internal sealed class MembershipStore(ClusterDataSources db, ClusterSettings settings)
{
    public async Task<HeartbeatRound> HeartbeatAsync(Member self, MemberStatus desired, IReadOnlyDictionary<string, ListenerCount> counts,
        bool judgeStale)
    {
        try
        {
            await db.EnsureSchemaAsync().ConfigureAwait(false);

            await using var connection = await db.Pooled.OpenConnectionAsync().ConfigureAwait(false);
            var accepted = await UpsertSelfAsync(connection, self, desired).ConfigureAwait(false);
            if (accepted && counts.Count > 0) await WriteCountsAsync(connection, self, counts).ConfigureAwait(false);
            if (judgeStale) await MarkStaleDownAsync(connection).ConfigureAwait(false);
            await CleanUpAsync(connection).ConfigureAwait(false);
            var members = await ReadMembersAsync(connection).ConfigureAwait(false);
            var counters = await ReadCountersAsync(connection).ConfigureAwait(false);
            return new HeartbeatRound(accepted, members, counters);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            db.SchemaMissing();
            throw;
        }
    }

    public async Task SetStateAsync(Member self, MemberStatus state)
    {
        await using var command = db.Pooled.CreateCommand(
            $"UPDATE {MembersTable} SET state = @state, heartbeat = now() WHERE address = @address AND incarnation = @incarnation AND state <> 'down'");
        command.Parameters.AddWithValue("state", ToSql(state));
        AddMember(command, self);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Deletes the member's row; its counters go with it (ON DELETE CASCADE).</summary>
    public async Task DeleteAsync(Member self)
    {
        await using var command = db.Pooled.CreateCommand($"DELETE FROM {MembersTable} WHERE address = @address AND incarnation = @incarnation");
        AddMember(command, self);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<bool> UpsertSelfAsync(NpgsqlConnection connection, Member self, MemberStatus desired)
    {
        // The WHERE keeps a member that others judged down down: it must come back as a new incarnation.
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {MembersTable} AS m (address, incarnation, state) VALUES (@address, @incarnation, @state)
            ON CONFLICT (address, incarnation) DO UPDATE SET heartbeat = now(), state = excluded.state
            WHERE m.state <> 'down'
            RETURNING m.state
            """, connection);
        AddMember(command, self);
        command.Parameters.AddWithValue("state", ToSql(desired));
        return await command.ExecuteScalarAsync().ConfigureAwait(false) is string;
    }

    private static async Task WriteCountsAsync(NpgsqlConnection connection, Member self, IReadOnlyDictionary<string, ListenerCount> counts)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {CountersTable} (address, incarnation, listener, live, accepted_total)
            SELECT @address, @incarnation, l, v, a FROM unnest(@listeners, @live, @accepted) AS t(l, v, a)
            ON CONFLICT (address, incarnation, listener) DO UPDATE SET live = excluded.live, accepted_total = excluded.accepted_total
            """, connection);
        AddMember(command, self);
        command.Parameters.AddWithValue("listeners", counts.Keys.ToArray());
        command.Parameters.AddWithValue("live", counts.Values.Select(c => c.Live).ToArray());
        command.Parameters.AddWithValue("accepted", counts.Values.Select(c => c.AcceptedTotal).ToArray());
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task MarkStaleDownAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {MembersTable} SET state = 'down' WHERE state <> 'down' AND heartbeat < now() - @timeout", connection);
        command.Parameters.AddWithValue("timeout", settings.FailureTimeout);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task CleanUpAsync(NpgsqlConnection connection)
    {
        await using (var members = new NpgsqlCommand($"DELETE FROM {MembersTable} WHERE heartbeat < now() - @age", connection))
        {
            members.Parameters.AddWithValue("age", settings.DeadMemberCleanupAge);
            await members.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using var payloads = new NpgsqlCommand($"DELETE FROM {PayloadsTable} WHERE created_at < now() - @age", connection);
        payloads.Parameters.AddWithValue("age", settings.PayloadRetention);
        await payloads.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<MemberRow>> ReadMembersAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT address, incarnation, state, heartbeat >= now() - @timeout FROM {MembersTable}", connection);
        command.Parameters.AddWithValue("timeout", settings.FailureTimeout);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<MemberRow>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add(new MemberRow(new Member(reader.GetString(0), reader.GetGuid(1)), FromSql(reader.GetString(2)), reader.GetBoolean(3)));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<CounterRow>> ReadCountersAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT address, incarnation, listener, live, accepted_total FROM {CountersTable}", connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<CounterRow>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add(new CounterRow(new Member(reader.GetString(0), reader.GetGuid(1)), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return rows;
    }

    private static void AddMember(NpgsqlCommand command, Member member)
    {
        command.Parameters.AddWithValue("address", member.Address);
        command.Parameters.AddWithValue("incarnation", member.Incarnation);
    }

    private static string ToSql(MemberStatus state) => state switch
    {
        MemberStatus.Joining => "joining",
        MemberStatus.Up => "up",
        MemberStatus.Leaving => "leaving",
        _ => "down",
    };

    private static MemberStatus FromSql(string state) => state switch
    {
        "joining" => MemberStatus.Joining,
        "up" => MemberStatus.Up,
        "leaving" => MemberStatus.Leaving,
        _ => MemberStatus.Down,
    };
}
