from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from game.sim.anim.animator import BLEND_SECONDS, NECK_YAW, AnimationError, Animator
from game.sim.anim.appearance import Appearance, parse_appearance
from game.sim.anim.face import VISEMES, Blinker, FaceError, VisemeTimeline, WordTime
from game.sim.anim.skeleton import COUNT, INDEX, REST, forward_kinematics, placement, rest_positions

DT = 1.0 / 60.0


def test_rest_pose_fk_matches_rest_positions_and_rotation_moves_hand() -> None:
    root = placement([(0.0, 0.0, 0.0)], [0.0])
    euler = np.zeros((1, COUNT, 3), dtype=np.float32)
    world = forward_kinematics(root, euler, REST[None])
    assert np.allclose(world[0, :, :3, 3], rest_positions(REST), atol=1e-5)
    euler[0, INDEX["upper_arm_r"], 2] = math.pi / 2  # roll the right arm up to horizontal (+X)
    hand = forward_kinematics(root, euler, REST[None])[0, INDEX["hand_r"], :3, 3]
    shoulder = rest_positions(REST)[INDEX["upper_arm_r"]]
    assert hand[1] == pytest.approx(shoulder[1], abs=1e-4)
    assert hand[0] == pytest.approx(shoulder[0] + 0.54, abs=1e-3)


def test_placement_turns_and_scales_avatar() -> None:
    anim = Animator()
    anim.add("tall", (1.0, 0.0, 2.0), 90.0)
    from game.sim.anim.skeleton import Proportions

    anim.add("short", (0.0, 0.0, 0.0), 0.0, Proportions(height=1.4))
    head_tall = anim.joint_position("tall", "head")
    head_short = anim.joint_position("short", "head")
    assert head_short[1] == pytest.approx(1.57 * 1.4 / 1.75, abs=0.03)
    nose_dir = anim.world[0, INDEX["mouth"], :3, 3] - anim.world[0, INDEX["head"], :3, 3]
    assert nose_dir[0] < -0.08, "yaw 90 faces -X (turned left from -Z)"
    assert head_tall[0] == pytest.approx(1.0, abs=0.05)


def test_blend_weights_fade_without_popping() -> None:
    anim = Animator()
    anim.add("a", (0.0, 0.0, 0.0), 0.0)
    anim.walk_to("a", 0.0, -5.0)
    weights = []
    for _ in range(40):
        anim.update(DT)
        weights.append(float(anim.base_w[0, 1]))
    steps = np.diff([0.0, *weights])
    assert np.all(steps >= -1e-6), "walk weight rises monotonically"
    assert steps.max() <= DT / BLEND_SECONDS + 1e-6, "no frame jumps more than one blend step"
    assert weights[-1] > 0.85
    assert anim.avatars[0].position[2] < -0.5, "it actually walked"


def test_walk_keeps_the_planted_foot_still() -> None:
    anim = Animator()
    anim.add("a", (0.0, 0.0, 5.0), 0.0)
    anim.walk_to("a", 0.0, -20.0)
    for _ in range(60):
        anim.update(DT)  # reach full walk weight
    samples = []
    for _ in range(240):
        anim.update(DT)
        phase = anim.avatars[0].phase % 1.0
        left = anim.joint_position("a", "foot_l")
        samples.append((phase, left))
    speed = anim.avatars[0].speed
    slides = []
    for (p0, f0), (p1, f1) in itertools.pairwise(samples):
        if 0.1 < p0 < 0.4 and 0.1 < p1 < 0.4:  # mid-stance of the left leg
            slides.append(math.hypot(f1[0] - f0[0], f1[2] - f0[2]) / DT)
            assert f0[1] < 0.1, "the planted foot stays on the floor"
    assert slides, "the test saw a stance phase"
    assert np.median(slides) < 0.15 * speed, f"foot slides at {np.median(slides):.2f} m/s"


def test_look_at_clamps_to_neck_limits_and_eyes_follow() -> None:
    anim = Animator()
    anim.add("a", (0.0, 0.0, 0.0), 0.0)
    anim.look_at("a", (-3.0, 1.6, 0.5))  # well to the left and a bit behind
    for _ in range(120):
        anim.update(DT)
    assert anim.look[0, 0] == pytest.approx(NECK_YAW, abs=1e-3)
    anim.look_at("a", (0.5, 1.6, -3.0))  # ahead, slightly right
    for _ in range(120):
        anim.update(DT)
    expected = math.atan2(-0.5, 3.0)
    assert anim.look[0, 0] == pytest.approx(expected, abs=0.02)


def test_blinks_come_at_natural_random_intervals() -> None:
    blinker = Blinker(seed=7)
    starts, t, was_closed = [], 0.0, False
    while t < 120.0:
        closed = blinker.closure(t) > 0.5
        if closed and not was_closed:
            starts.append(t)
        was_closed, t = closed, t + 0.01
    gaps = np.diff(starts)
    assert len(starts) > 15
    assert gaps.min() >= 2.0 and gaps.max() <= 6.3
    assert 3.0 < gaps.mean() < 5.0
    assert len(set(np.round(gaps, 1))) > 5, "intervals vary"


def test_viseme_timeline_coarticulates_smoothly() -> None:
    timeline = VisemeTimeline(
        keys=((0.0, "sil", 1.0), (0.1, "PP", 1.0), (0.2, "aa", 1.0), (0.4, "sil", 1.0)), duration=0.5
    )
    assert timeline.shape_at(0.12) == pytest.approx(VISEMES["PP"], abs=1e-6)
    assert timeline.shape_at(0.25) == pytest.approx(VISEMES["aa"], abs=1e-6)
    mid = timeline.shape_at(0.18)[0]
    assert VISEMES["PP"][0] < mid < VISEMES["aa"][0], "anticipates the next shape before it starts"
    opens = [timeline.shape_at(t)[0] for t in np.arange(0.0, 0.5, 0.002)]
    assert max(abs(b - a) for a, b in itertools.pairwise(opens)) < 0.1, "no jumps"
    assert timeline.shape_at(0.6) == VISEMES["sil"]
    with pytest.raises(FaceError, match="known: sil"):
        VisemeTimeline(keys=((0.0, "zz", 1.0),))


def test_subtitle_reveals_word_by_word_on_the_audio_clock() -> None:
    anim = Animator()
    anim.add("a", (0.0, 0.0, 0.0), 0.0)
    words = (WordTime("hello", 0.0, 0.4), WordTime("there", 0.5, 0.9), WordTime("friend", 1.0, 1.5))
    anim.speak("a", VisemeTimeline(keys=((0.0, "E", 1.0),), words=words, duration=1.5), start_clock=10.0)
    anim.avatars[0].subtitle = "hello there friend"
    assert anim.spoken_text(anim.avatars[0], 10.6) == "hello there"
    assert anim.spoken_text(anim.avatars[0], 11.2) == "hello there friend"


def test_a_word_missing_from_the_word_events_never_drops_the_last_word() -> None:
    """espeak-ng reported three word events for four words: the bubble still ends with "four"."""
    anim = Animator()
    anim.add("a", (0.0, 0.0, 0.0), 0.0)
    words = (WordTime("one", 0.0, 0.4), WordTime("three", 1.0, 1.4), WordTime("four", 1.5, 1.9))
    anim.speak("a", VisemeTimeline(keys=((0.0, "E", 1.0),), words=words, duration=2.0), start_clock=10.0)
    a = anim.avatars[0]
    a.subtitle = "one two three four"
    shown = [anim.spoken_text(a, 10.0 + t) for t in (0.05, 0.6, 1.2, 1.6, 2.0)]
    assert [len(s.split()) for s in shown] == sorted(len(s.split()) for s in shown), "never goes backwards"
    assert shown[-1] == "one two three four", "at the end of the clip the whole sentence shows"
    assert anim.spoken_text(a, 11.7).endswith("four"), "the last word event reveals the tail"


def test_the_bubble_stays_two_seconds_plus_60_ms_a_word_after_the_speech() -> None:
    anim = Animator()
    anim.add("a", (0.0, 0.0, 0.0), 0.0)
    anim.speak("a", VisemeTimeline(keys=((0.0, "E", 1.0),), duration=1.0), start_clock=10.0)
    a = anim.avatars[0]
    a.subtitle = "a sentence of exactly seven short words"
    linger = 2.0 + 0.06 * 7
    clock = 10.0
    while clock < 11.3:  # the clip ends at 11.0; the mouth closes 0.2 s later
        clock += DT
        anim.update(DT, clock)
    assert a.timeline is None, "the mouth has stopped"
    end = a.subtitle_until
    assert end is not None and end >= 11.0 + linger
    assert anim.spoken_text(a, 11.0 + linger - 0.01) == "a sentence of exactly seven short words"
    assert anim.spoken_text(a, end + 0.01) == "" and a.subtitle == ""
    anim.speak("a", VisemeTimeline(keys=((0.0, "E", 1.0),), duration=1.0), start_clock=20.0)
    assert a.subtitle_until is None, "the next sentence replaces the bubble"


def test_gestures_emotions_and_bad_names() -> None:
    anim = Animator()
    anim.add("Ada", (0.0, 0.0, 0.0), 0.0)
    hand_before = anim.joint_position("Ada", "hand_r")[1]
    anim.play("Ada", "wave")
    for _ in range(60):
        anim.update(DT)
    assert anim.joint_position("Ada", "hand_r")[1] > hand_before + 0.5, "waving raises the hand"
    for _ in range(150):
        anim.update(DT)
    assert anim.avatars[0].gesture is None, "one-shot gestures end"
    with pytest.raises(AnimationError, match="known: wave"):
        anim.play("Ada", "moonwalk")
    with pytest.raises(AnimationError, match="known: neutral"):
        anim.set_emotion("Ada", "smug")
    with pytest.raises(AnimationError, match="avatars here: Ada"):
        anim.play("Zed", "wave")


def test_bad_appearance_falls_back_with_messages() -> None:
    look, problems = parse_appearance(
        {"height": 9.0, "hair_style": "mohawk", "skin": "#zz0000", "top": "red"}, "p.toml"
    )
    assert look.height == Appearance().height and look.hair_style == "short"
    assert look.top != Appearance().top
    assert len(problems) == 3 and all(p.startswith("p.toml: appearance.") for p in problems)
