using Otel.Collector.ClickHouse.Migrations;

namespace Otel.Collector.Tests.Storage;

public sealed class MigrationScriptTests
{
    [Fact]
    public void Split_LinesEndingInSemicolon_EndStatements()
    {
        var statements = MigrationScript.Split("""
            CREATE TABLE a (
                x UInt8
            ) ENGINE = MergeTree ORDER BY x;
            CREATE TABLE b (y UInt8) ENGINE = MergeTree ORDER BY y;  
            """);

        Assert.Equal(["CREATE TABLE a (\n    x UInt8\n) ENGINE = MergeTree ORDER BY x", "CREATE TABLE b (y UInt8) ENGINE = MergeTree ORDER BY y"], statements);
    }

    [Fact]
    public void Split_SemicolonInsideALine_DoesNotEndTheStatement()
    {
        var statements = MigrationScript.Split("SELECT ';' AS a,\n  2 AS b;\n");

        Assert.Equal(["SELECT ';' AS a,\n  2 AS b"], statements);
    }

    [Fact]
    public void Split_CommentLinesEndingInSemicolon_NeitherEndNorMakeStatements()
    {
        var statements = MigrationScript.Split("""
            -- Header comment;
            -- another;

            CREATE TABLE a (x UInt8) -- trailing words
            ENGINE = Memory;
            -- a comment after the last statement;
            """);

        Assert.Equal(["-- Header comment;\n-- another;\n\nCREATE TABLE a (x UInt8) -- trailing words\nENGINE = Memory"], statements);
    }

    [Fact]
    public void Split_LastStatementWithoutSemicolon_StillCounts()
    {
        Assert.Equal(["SELECT 1", "SELECT 2"], MigrationScript.Split("SELECT 1;\nSELECT 2\n"));
    }

    [Fact]
    public void Split_CrlfLineEndings_SplitLikeLf()
    {
        Assert.Equal(["SELECT 1", "SELECT 2"], MigrationScript.Split("SELECT 1;\r\nSELECT 2;\r\n"));
    }

    [Fact]
    public void Split_OnlyBlankAndCommentLines_GivesNoStatement()
    {
        Assert.Empty(MigrationScript.Split("\n-- nothing here;\n\n   \n"));
    }

    [Fact]
    public void Checksum_CrlfAndLfCopies_AreEqual()
    {
        Assert.Equal(new Migration(1, "a", "SELECT 1;\nSELECT 2;\n").Checksum, new Migration(1, "a", "SELECT 1;\r\nSELECT 2;\r\n").Checksum);
    }

    [Fact]
    public void Ordered_TwoMigrationsWithOneVersion_ThrowsNamingBoth()
    {
        var exception = Assert.Throws<InvalidOperationException>(() =>
            EmbeddedMigrations.Ordered([new Migration(3, "first", "SELECT 1"), new Migration(3, "second", "SELECT 2")]));

        Assert.Contains("0003_first", exception.Message, StringComparison.Ordinal);
        Assert.Contains("0003_second", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Product_EmbeddedMigrations_LoadInStrictVersionOrderWithStatements()
    {
        var migrations = EmbeddedMigrations.Product;

        Assert.All(migrations.Zip(migrations.Skip(1)), pair => Assert.True(pair.First.Version < pair.Second.Version));
        Assert.All(migrations, migration => Assert.NotEmpty(migration.Statements));
    }
}
