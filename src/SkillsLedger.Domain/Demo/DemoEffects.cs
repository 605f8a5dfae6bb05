using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Demo;

/// <summary>
/// How much a completed course moves each skill it trains, built into the demo on purpose so that the effectiveness
/// analytics (issue 15) and the learning-path evidence (issue 16) have something true to find:
/// <list type="bullet">
/// <item>Formats with people in the room move power and leadership skills more: coaching ×2.0, blended ×1.8,
/// classroom ×1.2, simulation and on-the-job ×1.3, community ×1.0, online ×0.5, microlearning ×0.4.</item>
/// <item>Technical, digital and domain skills move about the same in every format (×1.0; simulation and on-the-job
/// ×1.3, microlearning ×0.7).</item>
/// <item>Online and microlearning courses help beginners (true position below 45 % of the scale: ×1.5) much more than
/// people already past the middle (×0.5): a foundation course teaches what a beginner lacks.</item>
/// <item>The customer-excellence programme does nothing for skills (×0): its courses are completed, cost money and
/// count as learning, but the levels they should move do not move.</item>
/// </list>
/// The base jump is <see cref="BaseJump"/> of the scale per course and skill.
/// </summary>
internal static class DemoEffects
{
    public const double BaseJump = 0.09; // ≈ +0.35 level on a 1–5 scale
    public const string ProgrammeWithoutEffect = "customer-excellence";

    /// <param name="startPosition">The learner's true position on the skill (0–1 of its scale) before the course.</param>
    public static double Jump(DemoCourse course, DemoSkill skill, double startPosition)
    {
        if (course.ProgramId == ProgrammeWithoutEffect) return 0;
        var format = skill.IsPowerSkill
            ? course.Modality switch
            {
                CourseModality.Coaching => 2.0,
                CourseModality.Blended => 1.8,
                CourseModality.Classroom => 1.2,
                CourseModality.Simulation or CourseModality.OnTheJob => 1.3,
                CourseModality.Online => 0.5,
                CourseModality.Microlearning => 0.4,
                _ => 1.0,
            }
            : course.Modality switch
            {
                CourseModality.Simulation or CourseModality.OnTheJob => 1.3,
                CourseModality.Microlearning => 0.7,
                _ => 1.0,
            };
        var level = course.Modality is CourseModality.Online or CourseModality.Microlearning
            ? startPosition < 0.45 ? 1.5 : 0.5
            : 1.0;
        return BaseJump * format * level;
    }
}
