namespace OrleansBank.Persistence.Sqlite.Tests;

public sealed class SqliteEventLogWithoutGroupCommitTests() : SqliteEventLogTests(groupCommit: false);
