using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Tests.Infrastructure;

public sealed class LedgerDatabaseTests
{
    [Fact]
    public void The_read_pool_prepares_statements_and_skips_the_reset_unless_the_connection_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(LedgerDatabase.ForReads("Host=h;Database=d;Username=u;Application Name=skillsledger-serve"));
        Assert.Equal(LedgerDatabase.ReadStatementsPrepared, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("skillsledger-serve", tuned.ApplicationName); // `rebuild` still sees the service's connections

        var given = new NpgsqlConnectionStringBuilder(LedgerDatabase.ForReads("Host=h;Database=d;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, given.MaxAutoPrepare);
        Assert.False(given.NoResetOnClose);
    }
}
