using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.PostgreSql
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
                type: "text",
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
