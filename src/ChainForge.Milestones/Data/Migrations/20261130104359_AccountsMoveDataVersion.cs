using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations
{
    /// <summary>
    /// A change of an account (its security stamp above all: a role change, a new password, a
    /// sign-out) moves the data version on, so that every process checks its sessions again.
    /// </summary>
    public partial class AccountsMoveDataVersion : Migration
    {
        private static readonly string[] Writes = ["INSERT", "UPDATE", "DELETE"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var write in Writes)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "AspNetUsers_{write}_DataVersion" AFTER {write} ON "AspNetUsers"
                    BEGIN
                        UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var write in Writes)
                migrationBuilder.Sql($"""DROP TRIGGER "AspNetUsers_{write}_DataVersion";""");
        }
    }
}
