"""A minimal Streamlit client over the app's websocket (protobuf BackMsg out, ForwardMsg in), for tests and benchmarks.

It does what a browser tab does for a script run, and nothing else: ask for a page, send a widget's new value, read
the elements that come back. Like a browser, it keeps large elements (those Streamlit marks cacheable) for a couple
of runs and tells the server which it holds, so that an unchanged chart comes back as a short reference. Nothing is
drawn, so twenty sessions fit on a small machine next to the server and the figures measure the server rather than
Chromium.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


@dataclass
class Run:
    """What one script run sent back."""

    ms: float  # from the request leaving to the script_finished message arriving
    messages: int = 0
    url_updates: int = 0  # page_info_changed messages (each becomes a browser history entry)
    references: int = 0  # elements sent as a reference to one this client already holds (an unchanged chart)
    metrics: dict[str, str] = field(default_factory=dict)  # label -> shown value
    codes: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # st.error / warning / info / success bodies


def answering_upstream(upstream_addr: str) -> str:
    """The upstream that answered, from nginx's $upstream_addr: it lists every one tried ("dead:1, live:2") when a
    replica refused and nginx passed on to the next, and " : " separates internal redirects; the last one answered."""
    return upstream_addr.replace(" : ", ", ").split(", ")[-1].strip()


class Session:
    """One browser tab's worth of protocol: `async with Session(url) as s: run = await s.open("scalar-backward")`.

    cookie: sent with the websocket's opening request, as a browser sends the cookies of the page (behind nginx, the
    sticky-session cookie that keeps a tab on its replica; see sticky_cookie()). `replica` is the upstream that
    answered the opening request, when the proxy names it (deploy/serve_class.py's X-Replica header; see
    answering_upstream())."""

    def __init__(self, base_url: str, cookie: str = ""):
        self.url = base_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.cookie = cookie
        self.query = ""
        self.page_hash = ""
        self.replica = ""
        self.widgets: dict[str, str] = {}  # user key -> widget id
        self.drawn: set[str] = set()  # user keys of the widgets the last full run drew (the page as it stands)
        self.fragments: dict[str, float] = {}  # fragment id -> seconds between the browser's auto reruns of it
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}  # message hash -> (message, run that last used it)
        self.runs = 0
        self._ws = None

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self, timeout: float = 30.0) -> None:
        """Open (or reopen, after the server went away) the websocket; a new server session starts with it."""
        headers = {"Cookie": self.cookie} if self.cookie else None
        self._ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, additional_headers=headers, open_timeout=timeout
        )
        self.replica = answering_upstream(self._ws.response.headers.get("X-Replica", ""))
        self.cache = {}  # a new server session knows none of the messages this tab held

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def open(self, page: str = "", query: str = "") -> Run:
        """The first run of a page, as a shared link opens it: /<page>?<query>."""
        self.query = query
        return await self._run(page_name=page)

    async def set_slider(self, key: str, value: float) -> Run:
        state = WidgetState(id=self.widgets[key])
        state.double_array_value.data.append(value)
        return await self._run(widgets=[state])

    async def rerun(self) -> Run:
        """A run with nothing changed (what a cached rerun costs)."""
        return await self._run()

    async def poll(self) -> list[Run]:
        """What a browser does every few seconds for a fragment drawn with run_every (e.g. the class badge that
        watches for the teacher's reveals): one fragment run each."""
        return [await self._run(fragment_id=f) for f in list(self.fragments)]

    async def set_widgets(self, *states: WidgetState) -> Run:
        """One run with several widgets changed at once (e.g. a typed number and the button that checks it)."""
        return await self._run(widgets=list(states))

    def number(self, key: str, value: float) -> WidgetState:
        """A number input's new value (st.number_input)."""
        return WidgetState(id=self.widgets[key], double_value=value)

    def choose(self, key: str, shown: str) -> WidgetState:
        """A radio's newly chosen option, as the page shows it (Streamlit sends the option's formatted text)."""
        return WidgetState(id=self.widgets[key], string_value=shown)

    def click(self, key: str) -> WidgetState:
        """A button press (st.button)."""
        return WidgetState(id=self.widgets[key], trigger_value=True)

    async def _run(self, page_name: str = "", widgets: list[WidgetState] = (), fragment_id: str = "") -> Run:
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = page_name
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.widget_states.widgets.extend(widgets)
        msg.rerun_script.cached_message_hashes.extend(self.cache)
        if fragment_id:
            msg.rerun_script.fragment_id = fragment_id
            msg.rerun_script.is_auto_rerun = True
        else:
            self.fragments = {}  # a full run announces its auto-rerunning fragments again
            self.drawn = set()
        t0 = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        run = Run(ms=0.0)
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self._ws.recv())
            run.messages += 1
            run.references += fm.WhichOneof("type") == "ref_hash"
            fm = self._cached(fm)
            kind = fm.WhichOneof("type")
            if (
                kind == "script_finished"
                and fm.script_finished in SKIPPED
                and not (fragment_id and fm.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
            ):
                continue  # a run cut short by st.rerun() (its rerun follows), or a fragment's run we did not ask for
            if kind == "script_finished":
                run.ms = (time.perf_counter() - t0) * 1e3
                self._age()
                return run
            if kind == "auto_rerun":
                self.fragments[fm.auto_rerun.fragment_id] = fm.auto_rerun.interval
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string
                run.url_updates += 1
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._read(fm.delta.new_element, run)

    def _cached(self, fm: ForwardMsg) -> ForwardMsg:
        """The message itself: a reference is replaced by the cached message it names; a cacheable one is kept."""
        if fm.WhichOneof("type") == "ref_hash":
            full, _ = self.cache[fm.ref_hash]  # a KeyError here would be a server bug: it only refers to what we hold
            full = ForwardMsg.FromString(full.SerializeToString())
            full.metadata.CopyFrom(fm.metadata)
            fm = full
        if fm.metadata.cacheable or fm.hash in self.cache:
            self.cache[fm.hash] = (fm, self.runs)
        return fm

    def _age(self, max_age: int = 2) -> None:
        """After a run, forget what was not used in the last `max_age` runs (the browser's default age)."""
        self.runs += 1
        self.cache = {h: (m, used) for h, (m, used) in self.cache.items() if self.runs - used <= max_age}

    def _read(self, el, run: Run) -> None:
        kind = el.WhichOneof("type")
        if kind is None:
            return
        proto = getattr(el, kind)
        wid = getattr(proto, "id", "")
        if isinstance(wid, str) and wid.startswith("$$ID-") and wid.count("-") >= 2:
            self.widgets[wid.split("-", 2)[2]] = wid
            self.drawn.add(wid.split("-", 2)[2])
        if kind == "metric":
            run.metrics[proto.label] = proto.body
        elif kind == "code":
            run.codes.append(proto.code_text)
        elif kind == "exception":
            run.exceptions.append(f"{proto.type}: {proto.message}")
        elif kind == "alert":
            run.alerts.append(proto.body)


SKIPPED = (ForwardMsg.FINISHED_EARLY_FOR_RERUN, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def sticky_cookie(base_url: str, timeout: float = 30.0) -> str:
    """The cookies a browser would get from the app's page (name=value; ...): behind nginx, the replica cookie."""
    import urllib.request

    with urllib.request.urlopen(base_url.rstrip("/") + "/", timeout=timeout) as r:
        return "; ".join(c.split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or ())


def run_sync(coro):
    """Run a coroutine to completion from synchronous code (in its own thread: a test may already own a loop)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
