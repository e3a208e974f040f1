"""The assistant beyond one question: follow-ups in a conversation, a bound on questions
per caller, and answers written by an OpenAI-compatible model (a real HTTP server on
this machine stands in for the provider) that are shown only when they cite the passages
they were given."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from core.actor import Actor
from core.errors import DomainError, RateLimited
from knowledge import assistant
from knowledge.assistant import ModelEndpoint
from knowledge.models import Conversation, Synonym
from knowledge.services import ArticleData
from tests.knowledge.articles import published

LEVEL_2 = ArticleData(
    title="Tài khoản định danh điện tử mức 2",
    summary="Đăng ký tài khoản định danh mức 2 tại công an cấp xã.",
    body="Mang thẻ căn cước gắn chip đến công an cấp xã. Cán bộ thu nhận ảnh chân dung và "
    "vân tay. Lệ phí đăng ký tài khoản mức 2 là miễn phí.",
    category="vneid",
)
LEVEL_1 = ArticleData(
    title="Tài khoản định danh điện tử mức 1",
    summary="Tự đăng ký tài khoản mức 1 trên ứng dụng VNeID.",
    body="Tải ứng dụng VNeID, chọn Đăng ký, nhập số định danh cá nhân và số điện thoại.",
    category="vneid",
)


@dataclass
class FakeProvider:
    """An OpenAI-compatible /chat/completions that answers what the test sets."""

    url: str
    reply: str = ""
    status: int = 200
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    state = FakeProvider(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            state.requests.append(json.loads(self.rfile.read(length)))
            state.headers.append(f"{self.path} {self.headers.get('authorization', '')}")
            body = json.dumps(
                {"choices": [{"message": {"role": "assistant", "content": state.reply}}]}
            ).encode()
            self.send_response(state.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


async def test_a_follow_up_is_read_with_the_question_before_it(system: Actor) -> None:
    level_2 = await published(system, LEVEL_2)
    await published(system, LEVEL_1)
    anyone = Actor.anonymous()

    first = await assistant.ask(anyone, "đăng ký định danh mức 2 ở đâu", "hoi-dap-0001")
    follow_up = await assistant.ask(anyone, "vậy thì sao?", "hoi-dap-0001")
    alone = await assistant.ask(anyone, "vậy thì sao?")

    assert first.answered and first.citations[0].article.id == level_2
    assert follow_up.answered and follow_up.conversation_id == "hoi-dap-0001"
    assert follow_up.citations[0].article.id == level_2
    assert "căn cước gắn chip" in follow_up.text
    assert not alone.answered
    kept = await Conversation.get(key="hoi-dap-0001")
    assert (kept.turns, kept.last_article_id) == (2, level_2)
    with pytest.raises(DomainError) as bad:
        await assistant.ask(anyone, "lệ phí?", "x; DROP TABLE")
    assert (bad.value.code, bad.value.field) == ("INVALID_CONVERSATION", "conversationId")


async def test_questions_are_bounded_per_caller(system: Actor) -> None:
    await published(system, LEVEL_2)
    limit = assistant.QUESTIONS_PER_CALLER.max_count
    for _ in range(limit):
        await assistant.ask(Actor.anonymous(), "định danh mức 2", caller="addr:203.0.113.7")

    with pytest.raises(RateLimited):
        await assistant.ask(Actor.anonymous(), "định danh mức 2", caller="addr:203.0.113.7")
    other = await assistant.ask(Actor.anonymous(), "định danh mức 2", caller="addr:203.0.113.8")
    assert other.answered


async def test_a_model_writes_the_answer_from_the_passages_it_cites(
    system: Actor, provider: FakeProvider
) -> None:
    await Synonym.get_or_create(term="vneid", expansion="dinh danh dien tu")
    level_2 = await published(system, LEVEL_2)
    endpoint = ModelEndpoint(provider.url, key="sk-test", model="small-model")
    provider.reply = "Bạn mang căn cước gắn chip đến công an cấp xã [1]."

    answer = await assistant.ask(Actor.anonymous(), "đăng ký mức 2 ở đâu", endpoint=endpoint)

    assert answer.written_by_model and answer.text == provider.reply
    assert [c.article.id for c in answer.citations] == [level_2]
    sent = provider.requests[0]
    assert sent["model"] == "small-model" and sent["temperature"] == 0
    assert "[1]" in sent["messages"][1]["content"]
    assert answer.citations[0].text in sent["messages"][1]["content"]
    assert provider.headers == ["/v1/chat/completions Bearer sk-test"]


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ("Mang căn cước đến bưu điện [7].", 200),  # cites a passage it was not given
        ("Mang căn cước đến công an xã.", 200),  # cites nothing
        ("NO_ANSWER", 200),
        ("", 500),
    ],
)
async def test_an_unchecked_or_failed_model_answer_is_never_shown(
    system: Actor, provider: FakeProvider, reply: str, status: int
) -> None:
    await published(system, LEVEL_2)
    provider.reply, provider.status = reply, status
    endpoint = ModelEndpoint(provider.url)

    answer = await assistant.ask(Actor.anonymous(), "đăng ký mức 2 ở đâu", endpoint=endpoint)

    assert answer.answered and not answer.written_by_model
    assert answer.text.startswith(answer.citations[0].text)
    assert len(provider.requests) == 1


async def test_nothing_is_sent_to_the_model_when_no_passage_answers(
    system: Actor, provider: FakeProvider
) -> None:
    await published(system, LEVEL_2)

    answer = await assistant.ask(
        Actor.anonymous(), "giá lúa hôm nay", endpoint=ModelEndpoint(provider.url)
    )

    assert not answer.answered and provider.requests == []
