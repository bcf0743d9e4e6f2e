namespace OrleansBank.Persistence.Sqlite.Tests;

public sealed class SqliteEventLogWithGroupCommitTests() : SqliteEventLogTests(groupCommit: true);
