"""English cue families and context handling added in rules 1.5.0.

Two directions, as in test_screen_own_words.py: state, goodbyes, means and plans said in the person's own
words are flagged; the everyday sentence with the same words is not. And violence by someone else: danger at
home now is elevated (CLINICAL.md section 1), violence told as over (a survivor, "when I was a kid", he went
to prison) is history, not danger now.
"""

from __future__ import annotations

import pytest

from companion.safety import assess

P = pytest.param


@pytest.mark.parametrize("text", [
    P("i can't do this anymore. i really can't", id="cant-do-this-anymore"),
    P("I can't take this any more", id="cant-take-any-more"),
    P("there's no point anymore, nothing changes", id="no-point-anymore"),
    P("I want to attempt suicide", id="want-to-attempt"),
    P("let me die already", id="let-me-die"),
    P("please take care of the dog for me", id="dog-for-me"),
    P("i've been giving my stuff away", id="giving-stuff-away"),
    P("I'm not going to be around for much longer", id="not-around-much-longer"),
    P("i'm just not planning on being here forever", id="not-planning-on-being-here"),
    P("i scratched my arms till they bled", id="scratched-till-bled"),
    P("i've been looking up how many pills it takes", id="looking-up-how-many"),
    P("i'd rather not wake up tbh", id="rather-not-wake-up"),
    P("i pray every night that god takes me in my sleep", id="god-takes-me"),
    P("it would be kinder to everyone if i stopped being here", id="kinder-if-i-stopped"),
    P("nobody would have to worry about me anymore if i was gone", id="nobody-worry-if-gone"),
    P("feel nothing. wake up wishing i hadn't", id="wake-up-wishing"),
    P("my dad said he'll break my neck if i come out of my room", id="threat-break-neck"),
    P("he still hits me and I'm scared to go home", id="violence-still"),
    P("I'm in an abusive relationship", id="in-abusive-relationship"),
    P("i keep thinking it'd be easier to just not exist", id="easier-not-exist"),
    P("honestly i'm just waiting to die at this point", id="waiting-to-die"),
    P("i've been thinking about how i'd do it", id="how-i-would-do-it"),
    P("i took a few extra pills to see what would happen", id="pills-to-see"),
    P("i'm going to give my cat to my sister before i go", id="cat-before-i-go"),
    P("i don't want to do life anymore", id="do-life-anymore"),
    P("i can't go on like this", id="go-on-like-this"),
    P("after my mum passed away i wanted to kill myself", id="bereaved-past-thought"),
    # A past attempt told as past stays a risk factor (elevated), no longer a method named now (imminent).
    P("three years since my overdose. i'm doing well now and i still go to my group", id="years-since-od"),
    # A "lol" three sentences later does not soften a plain statement in a long message.
    P("I'm going to kill myself. Anyone want to chat before I do it? Even if I don't die I'll know. Lol.",
      id="joke-far-away"),
])
def test_new_own_words_are_flagged(text: str) -> None:
    result = assess(text)
    assert result.level != "none", f"{text!r}: {result.signals}"
    if "overdose" in text:
        assert result.level == "elevated", f"{text!r}: {result.level} {result.signals}"


@pytest.mark.parametrize("text", [
    P("i'm at the train station, going to step in front of the next one", id="next-one"),
    P("i'm going to eat my gun tonight", id="eat-my-gun"),
    P("i'm logging off for good tonight. thanks for the carries", id="logging-off-for-good"),
    P("i swallowed the whole packet of paracetamol an hour ago", id="whole-packet"),
    P("i just did it. took everything", id="just-took-everything"),
    P("i'm in the car in the garage and the engine's running", id="garage-engine-running"),
    P("I wish I had a gun right now. Because I would pull the trigger.", id="would-pull-trigger-gun"),
    P("by the time anyone reads this it'll be done. love you all", id="anyone-reads-this"),
    P("i'm scared of what i might do tonight", id="scared-what-i-might-do-tonight"),
    P("i don't trust myself to be alone tonight", id="dont-trust-myself-tonight"),
])
def test_new_own_words_with_means_plan_or_time_are_imminent(text: str) -> None:
    result = assess(text)
    assert result.level == "imminent", f"{text!r}: {result.level} {result.signals}"


@pytest.mark.parametrize("text", [
    P("can you take care of the dog for me this weekend", id="dog-sitting-weekend"),
    P("please feed my cat for me while i'm away", id="cat-while-away"),
    P("i'm giving my clothes away to charity", id="clothes-to-charity"),
    P("there's no point watering the garden today, it's going to pour", id="no-point-watering"),
    P("my lip feels numb all the time after the dentist", id="numb-lip"),
    P("my life is over lol my mom took my phone", id="life-over-phone"),
    P("time to pull the trigger on that new laptop, the sale ends tonight", id="trigger-laptop"),
    P("i finally pulled the trigger and booked the trip", id="pulled-trigger-trip"),
    P("i'm ready to go, just waiting for my lift to the airport", id="ready-to-go-airport"),
    P("bought rope and pegs for the camping trip this weekend", id="rope-camping"),
    P("pharmacy tech life: counted 4000 pills today and my eyes are crossing", id="pharmacy-count"),
    P("gg no re, i'm logging off for the night", id="logging-off-night"),
    P("i used to feel like a burden to everyone. my therapist helped me see it differently", id="burden-therapy"),
    P("i'd rather not wake up that early on a saturday", id="rather-not-wake-early"),
    P("i can't go on like this, i need a new job", id="go-on-like-this-job"),
    P("it won't be a problem", id="wont-be-a-problem"),
    P("i'm waiting for the noise to die down", id="noise-die-down"),
    P("i'm thinking about how i'd do it differently next time", id="do-it-differently"),
    P("i'm scared of what i might do to him if he says that again", id="scared-what-to-him"),
    P("i don't trust myself around cake", id="trust-myself-cake"),
    P("i'll water your plants before i go on holiday", id="plants-before-holiday"),
    P("we wiped the whole raid team, gonna try again tomorrow", id="try-again-raid"),
    P("i'm going to attempt the exam again tomorrow", id="attempt-exam"),
    # someone else's violence, told as over
    P("he hit me when i was a kid", id="hit-as-kid"),
    P("I was being abused as a kid and now I want to be a social worker", id="abused-as-kid"),
    P("i'm a domestic violence survivor and i'm running a 10k for the refuge", id="dv-survivor"),
    P("october is domestic violence awareness month", id="dv-awareness"),
    P("he said he'd kill me if i told anyone. i told the police in 2015 and he went to prison", id="threat-prison"),
    P("he tried to kill me when i was pregnant, that was ten years ago and i'm safe now", id="tried-to-kill-me-past"),
    # someone else's risk, and advice to someone at risk
    P("my little brother said he wants to kill himself, what do i say to him", id="brother-wants-to"),
    P("please don't kill yourself, you matter to me", id="advice-dont-kill-yourself"),
    P("when my sister killed herself i felt like i wanted to die too, but it passed", id="bereaved-passed"),
])
def test_look_alikes_are_not_flagged(text: str) -> None:
    result = assess(text)
    assert result.level == "none", f"{text!r}: {result.level} {result.signals}"


def test_a_joke_marker_still_softens_its_own_sentence() -> None:
    assert assess("i want to kill myself. lol").level == "none"
    assert assess("this exam is killing me lol").level == "none"
