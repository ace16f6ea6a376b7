using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Tests.Interactions;

public sealed class UserTextTests
{
    [Fact]
    public void Long_input_is_clipped_with_an_ellipsis()
    {
        var echoed = UserText.Code(new string('x', 6000));
        Assert.Equal(UserText.DefaultMax, echoed.Length);
        Assert.EndsWith("…", echoed);
    }

    [Fact]
    public void Clipping_never_splits_a_surrogate_pair()
    {
        var echoed = UserText.Code(new string('a', UserText.DefaultMax - 2) + "😀😀", UserText.DefaultMax);
        Assert.Equal(new string('a', UserText.DefaultMax - 2) + "…", echoed);
    }

    [Fact]
    public void Lone_surrogates_and_line_breaks_are_replaced()
    {
        Assert.Equal("a\uFFFD b", UserText.Code("a\uD800\nb"));
    }

    [Fact]
    public void A_backtick_cannot_close_the_code_span()
    {
        Assert.DoesNotContain('`', UserText.Code("x` @everyone `y"));
    }

    [Fact]
    public void Plain_text_escapes_markdown_and_breaks_mentions()
    {
        var echoed = UserText.Plain("**bold** @everyone <@123>");
        Assert.Equal("\\*\\*bold\\*\\* @\u200Beveryone <@\u200B123\\>", echoed);
    }
}
