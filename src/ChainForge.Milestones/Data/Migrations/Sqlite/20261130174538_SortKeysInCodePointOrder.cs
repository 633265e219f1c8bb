using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <summary>Sort keys lead each number with its length, and PostgreSQL compares them by code point; they are computed again at start-up.</summary>
    public partial class SortKeysInCodePointOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // MilestoneSearch.BackfillAsync fills in every row whose search title is null.
            migrationBuilder.Sql("""UPDATE "Milestones" SET "SearchTitle" = NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
