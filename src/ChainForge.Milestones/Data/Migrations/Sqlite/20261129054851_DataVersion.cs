using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <summary>
    /// One number that moves on with every write to the tables the pages show (milestones, review
    /// decisions, team settings), whichever process wrote it: the key that keeps cached pages true.
    /// </summary>
    public partial class DataVersion : Migration
    {
        private static readonly string[] Tables = ["Milestones", "ReviewDecisions", "TeamSettings"];
        private static readonly string[] Writes = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "DataVersion" ("Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Value" INTEGER NOT NULL);""");
            migrationBuilder.Sql("""INSERT INTO "DataVersion" ("Id", "Value") VALUES (1, 0);""");
            foreach (var table in Tables)
            {
                foreach (var write in Writes)
                {
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{table}_{write}_DataVersion" AFTER {write} ON "{table}"
                        BEGIN
                            UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                        END;
                        """);
                }
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                foreach (var write in Writes)
                    migrationBuilder.Sql($"""DROP TRIGGER "{table}_{write}_DataVersion";""");
            }
            migrationBuilder.Sql("""DROP TABLE "DataVersion";""");
        }
    }
}
