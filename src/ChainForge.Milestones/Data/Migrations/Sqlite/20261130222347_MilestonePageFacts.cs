using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MilestonePageFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PageFacts",
                table: "Milestones",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PageFacts",
                table: "Milestones");
        }
    }
}
