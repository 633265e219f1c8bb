using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <summary>
    /// A change of an account (its security stamp above all: a role change, a new password, a
    /// sign-out) moves the data version on, so that every process checks its sessions again.
    /// </summary>
    public partial class AccountsMoveDataVersion : Migration
    {

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            ChainForge.Milestones.Data.DataVersion.AddTriggers(migrationBuilder, "AspNetUsers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ChainForge.Milestones.Data.DataVersion.DropTriggers(migrationBuilder, "AspNetUsers");
        }
    }
}
