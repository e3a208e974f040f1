"""The evaluation set over the demo articles: search recall@3 >= 0.9 (bench/knowledge.py
prints the full numbers and latency)."""

from __future__ import annotations

from bench.knowledge import evaluate, load_questions
from core.actor import Actor
from demo.knowledge import seed_demo_knowledge
from network.models import AdminUnit


async def test_recall_at_3_on_the_demo_set(system: Actor, tree: AdminUnit) -> None:
    await seed_demo_knowledge(system, tree)
    questions = load_questions()
    assert len(questions) >= 80
    found, cited, missed = await evaluate(questions)
    assert found.recall_3 >= 0.9, missed
    assert cited.recall_3 >= 0.8
