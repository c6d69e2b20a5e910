// 警民通 web chat: plain ES2020, no framework, no build step.
//
// Talks to the REST channel: POST webhooks/rest/session for this browser's identity (an
// HttpOnly cookie: this script never sees it; asked again when the page opens and twice a day
// while it stays open, which renews it), POST webhooks/rest/webhook for a reply, GET
// webhooks/rest/inbox (polled) for messages pushed later, GET webhooks/rest/demo for the demo
// role switcher, whose roles alone are named as `sender` (a demo server takes chosen names).
// URLs are relative so the page also works behind a reverse proxy under a sub-path.
//
// Server text is only ever put into the page as text nodes (never parsed as HTML), and only
// http(s) URLs become links or images.
(function () {
  "use strict";

  const API = {
    session: "webhooks/rest/session",
    webhook: "webhooks/rest/webhook",
    inbox: "webhooks/rest/inbox",
    demo: "webhooks/rest/demo",
    me: "webhooks/rest/me",
  };
  const KEY = {
    // Where earlier versions kept the identity they made themselves (see identify()).
    legacy: "jingmin.me",
    active: "jingmin.active",
    hintSeen: "jingmin.hint-seen",
    history: (sender) => "jingmin.history." + sender,
    cursor: (sender) => "jingmin.after." + sender,
    kind: (sender) => "jingmin.kind." + sender,
    does: (sender) => "jingmin.does." + sender,
  };
  const MAX_HISTORY = 300;
  const SEND_TIMEOUT_MS = 20000;
  const POLL_TIMEOUT_MS = 10000;
  const POLL_VISIBLE_MS = 3000;
  // A background tab still hears of an alert within seconds (its title counts them).
  const POLL_HIDDEN_MS = 10000;
  // Backing off after failures: the server back is noticed within this.
  const POLL_MAX_MS = 15000;
  // The server refuses an identity not renewed for 30 days: the page renews it when it opens
  // and, left open (a front desk's browser), every so often.
  const RENEW_MS = 12 * 3600 * 1000;
  // A message refused as too frequent goes again by itself, after the server's Retry-After
  // (or this), this many times: then the 重试 button is left to the user.
  const RETRY_AFTER_S = 5;
  const MAX_RETRY_AFTER_S = 120;
  const AUTO_RETRIES = 3;
  // The server's limit, in characters (code points, as the server counts them).
  const MAX_CHARS = 2000;
  const COUNT_FROM = 1800;
  const TITLE = document.title;
  // Most likely first for a newcomer; roles the page does not know keep the server's order.
  const ROLE_ORDER = ["居民", "旅馆老板", "房东", "网吧老板", "民警", "所领导"];
  const ROLE_TIPS = {
    访客: "这是您在本机的身份。场所负责人或民警可发送「/绑定 邀请码」绑定身份。",
    居民: "可以试试「咨询法律问题」或「举报」。",
    旅馆老板: "可以试试「登记」，为入住的旅客办理登记。",
    房东: "可以试试「登记」，为租客办理登记；租客搬走时发送「退租」。",
    网吧老板: "可以试试「自查」，做一次消防安全自查；民警发通报后回复「收到」确认。",
    民警: "场所登记的人员比中在逃人员时，提醒会推送到这里。",
    所领导: "可以试试「审计」，查看谁查看过旅客、租客等个人信息。",
  };
  // What the chips and the welcome offer, by the role the server knows the sender in.
  const KINDS = {
    resident: {
      chips: ["帮助", "咨询法律问题", "举报", "报案", "查询"],
      welcome:
        "可以咨询法律问题、向社区民警反映情况、自助报案；旅馆、民宿负责人和房东绑定身份后可在线登记旅客、租客。点下方「帮助」查看全部功能。",
    },
    // An owner's are made by ownerOffer from what their kinds of place have them do.
    officer: {
      chips: ["帮助", "日报", "比中", "线索", "任务"],
      welcome:
        "比中提醒、群众线索和提问会推送到这里；可以查看日报、待办任务，发布通报。点下方「帮助」查看全部命令。",
    },
    admin: {
      chips: ["帮助", "审计", "日报", "比中", "任务"],
      welcome:
        "可以查看审计日志（谁在什么时候查看过旅客、租客、比中和通缉人员的信息，如「审计 姓名」），也可以使用民警的各项命令。点下方「帮助」查看全部命令。",
    },
  };
  // Most chips a row holds on a phone: an owner's least used go first.
  const MAX_CHIPS = 5;
  // An owner's kinds of place before the server has said (a demo role's, else the broadest).
  const DEMO_DOES = {
    旅馆老板: { registers: ["旅客"], inspects: true },
    房东: { registers: ["租客"], inspects: false },
    网吧老板: { registers: [], inspects: true },
  };
  const ANY_OWNER = { registers: ["旅客", "租客"], inspects: false };
  // A demo role's kind before the server has said.
  const DEMO_KINDS = {
    居民: "resident",
    旅馆老板: "owner",
    房东: "owner",
    网吧老板: "owner",
    民警: "officer",
    所领导: "admin",
  };
  const URL_RE = /https?:\/\/[^\s<>"'「」『』（）()，。；！？、]+/g;

  // ---- storage: the browser's storage when it works, memory otherwise (private mode) ----
  function makeStore(kind) {
    const memory = new Map();
    let local = null;
    try {
      local = window[kind];
      local.setItem("jingmin.probe", "1");
      local.removeItem("jingmin.probe");
    } catch (_) {
      local = null;
    }
    return {
      get(key) {
        if (memory.has(key)) return memory.get(key);
        try {
          return local ? local.getItem(key) : null;
        } catch (_) {
          return null;
        }
      },
      set(key, value) {
        memory.set(key, value);
        if (!local) return true;
        try {
          local.setItem(key, value);
          return true;
        } catch (_) {
          return false; // quota: the caller may trim and try again
        }
      },
      remove(key) {
        memory.delete(key);
        try {
          if (local) local.removeItem(key);
        } catch (_) {
          /* nothing to do */
        }
      },
      forget(key) {
        memory.delete(key); // another tab changed it: read it again from storage
      },
    };
  }
  // Who you are and where you are in the inbox survive closing the browser; the conversation
  // itself does not: a front-desk computer is shared, and a confirmation summary shows a
  // guest's full ID number. Closing the tab forgets it.
  const store = makeStore("localStorage");
  const historyStore = makeStore("sessionStorage");

  // ---- page elements ----
  const $ = (id) => document.getElementById(id);
  const ui = {
    conn: $("conn"),
    roles: $("roles"),
    seg: $("seg"),
    hint: $("hint"),
    hintClose: $("hint-close"),
    log: $("log"),
    notice: $("notice"),
    noticeText: $("notice-text"),
    noticeRetry: $("notice-retry"),
    noticeClose: $("notice-close"),
    form: $("form"),
    text: $("text"),
    send: $("send"),
    locate: $("locate"),
    photo: $("photo"),
    photoFile: $("photo-file"),
    chips: $("chips"),
    count: $("count"),
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeUrl(raw) {
    if (typeof raw !== "string" || !raw) return null;
    try {
      const url = new URL(raw, document.baseURI);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function clock(ms) {
    const d = new Date(ms);
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  }

  // ---- state ----
  // This browser's own identity: the server's cookie says who it is, so the page names it
  // by this placeholder only in its own storage, and never sends it.
  const me = "self";
  const legacy = store.get(KEY.legacy);
  const stored = store.get(KEY.active);
  const state = {
    active: stored && stored !== legacy ? stored : me,
    roles: [], // [{sender, label, short}]
    busy: false,
    histories: new Map(),
    unread: 0,
    renewedAt: 0, // when the server last renewed this browser's identity
  };

  const ME_ROLE = { sender: me, label: "访客（本机身份）", short: "访客" };

  /** `sender=…&` for a demo role's GET, nothing for this browser's own identity. */
  function senderQuery(sender) {
    return sender === me ? "" : `sender=${encodeURIComponent(sender)}&`;
  }

  /** The identities the switcher offers: this browser's own, then the demo roles. */
  function identities() {
    return state.roles.length ? [ME_ROLE, ...state.roles] : [];
  }

  function roleOf(sender) {
    return identities().find((r) => r.sender === sender) || null;
  }

  /** resident, owner or officer: as the server last said, else by the demo role's name. */
  function kindOf(sender) {
    const known = store.get(KEY.kind(sender));
    if (known === "owner" || KINDS[known]) return known;
    const role = roleOf(sender);
    return (role && DEMO_KINDS[role.short]) || "resident";
  }

  /** What an owner's places have them do ({registers: ["旅客", "租客"], inspects}): as the
   *  server last said, else by the demo role's name. A net café registers no one, and a
   *  landlord inspects nothing: their chips must not offer it. */
  function doesOf(sender) {
    try {
      const known = JSON.parse(store.get(KEY.does(sender)) || "null");
      if (known && Array.isArray(known.registers)) return known;
    } catch (_) {
      /* read it again from the server */
    }
    const role = roleOf(sender);
    return (role && DEMO_DOES[role.short]) || ANY_OWNER;
  }

  /** An owner's chips and welcome, as their 帮助 says it: 登记 for guests or tenants,
   *  自查 for a place that inspects its own fire safety. */
  function ownerOffer(does) {
    const registers = does.registers.filter((who) => who === "旅客" || who === "租客");
    const chips = ["帮助"];
    const can = [];
    if (registers.length) {
      chips.push("登记");
      can.push("在线登记" + registers.join("、"));
    }
    if (does.inspects) {
      chips.push("自查");
      can.push("做消防安全自查");
    }
    chips.push("最近通报", "问民警", "咨询法律问题");
    can.push("接收并确认警情通报");
    return {
      chips: chips.slice(0, MAX_CHIPS),
      welcome: `可以${can.join("、")}，也可以向社区民警提问、咨询法律问题。点下方「帮助」查看全部功能。`,
    };
  }

  /** The chips and welcome for the active sender. */
  function offer() {
    const kind = kindOf(state.active);
    return kind === "owner" ? ownerOffer(doesOf(state.active)) : KINDS[kind];
  }

  /** Ask the server the sender's role (it changes when they bind), and fit the page to it. */
  async function learnKind(sender) {
    let kind;
    let does = null;
    try {
      const answer = await request(`${API.me}?${senderQuery(sender)}`, {}, POLL_TIMEOUT_MS);
      kind = answer.role;
      if (Array.isArray(answer.registers)) {
        does = { registers: answer.registers, inspects: answer.inspects === true };
      }
    } catch (_) {
      return; // the page keeps what it showed
    }
    if (kind !== "owner" && !KINDS[kind]) return;
    const before = JSON.stringify(offer());
    store.set(KEY.kind(sender), kind);
    if (does) store.set(KEY.does(sender), JSON.stringify(does));
    else store.remove(KEY.does(sender));
    if (sender !== state.active || JSON.stringify(offer()) === before) return;
    renderChips();
    const card = ui.log.querySelector(".welcome");
    if (card) card.replaceWith(renderWelcome());
  }

  // ---- history, one list per sender ----
  function history(sender) {
    let list = state.histories.get(sender);
    if (!list) {
      try {
        list = JSON.parse(historyStore.get(KEY.history(sender)) || "[]");
        if (!Array.isArray(list)) list = [];
      } catch (_) {
        list = [];
      }
      state.histories.set(sender, list);
    }
    return list;
  }

  function save(sender) {
    let list = history(sender);
    if (list.length > MAX_HISTORY) list.splice(0, list.length - MAX_HISTORY);
    while (!historyStore.set(KEY.history(sender), JSON.stringify(list)) && list.length > 20) {
      list.splice(0, Math.ceil(list.length / 2));
    }
  }

  function cursor(sender) {
    const n = Number(store.get(KEY.cursor(sender)) || 0);
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  }

  /** A reply from the server as a history entry; anything unexpected is dropped. */
  function fromServer(reply, pushed) {
    const buttons = Array.isArray(reply && reply.buttons) ? reply.buttons : [];
    return {
      k: "bot",
      text: typeof reply.text === "string" ? reply.text : "",
      image: typeof reply.image === "string" ? reply.image : "",
      buttons: buttons
        .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string")
        .slice(0, 30)
        .map((b) => ({ title: b.title, payload: b.payload })),
      pushed: Boolean(pushed),
      t: Date.now(),
    };
  }

  /** Keep `entry` and show it; returns its element if shown. `scroll: false` leaves the
   * scrolling to the caller. */
  function add(sender, entry, { scroll = true } = {}) {
    history(sender).push(entry);
    save(sender);
    if (entry.k === "bot" && document.hidden) countUnread();
    if (sender !== state.active) return null;
    const near = isNearEnd();
    const row = renderEntry(sender, entry);
    ui.log.append(row);
    if (scroll && (near || entry.k === "user")) scrollToEnd();
    return row;
  }

  /** Show new replies from their start when together they are taller than the view: a
   * long answer is read from its first line, not its last. */
  function reveal(first) {
    if (!first || !first.isConnected) return;
    const view = ui.log.getBoundingClientRect();
    const top = first.getBoundingClientRect().top - view.top;
    const below = ui.log.scrollHeight - ui.log.scrollTop - top;
    if (below > ui.log.clientHeight) ui.log.scrollTop += top - 8;
    else scrollToEnd();
  }

  // ---- unread count in the title while the tab is in the background ----
  function countUnread() {
    state.unread += 1;
    document.title = `(${state.unread}) ${TITLE}`;
  }

  function clearUnread() {
    state.unread = 0;
    document.title = TITLE;
  }

  function drop(sender, entry) {
    const list = history(sender);
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    save(sender);
    if (sender === state.active) renderAll();
  }

  // ---- rendering ----
  // A legal answer marks the words it matched as 【租赁】物; shown as a highlight, the
  // brackets would split the word. Only inside a sentence (after a character or a mark of
  // Chinese text): 【常见问题】 and 👮【示范派出所】 are labels.
  const MARK_RE = /(?<=[\u4e00-\u9fff…：，。；、（“])【([^【】\s]{1,12})】/g;

  function appendMarked(node, text) {
    let last = 0;
    for (const m of text.matchAll(MARK_RE)) {
      node.append(text.slice(last, m.index), el("mark", "", m[1]));
      last = m.index + m[0].length;
    }
    node.append(text.slice(last));
  }

  function appendText(node, text) {
    let last = 0;
    for (const m of text.matchAll(URL_RE)) {
      appendMarked(node, text.slice(last, m.index));
      const a = el("a", "", m[0]);
      a.href = m[0];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      node.append(a);
      last = m.index + m[0].length;
    }
    appendMarked(node, text.slice(last));
  }

  function renderEntry(sender, entry) {
    const row = el("div", `msg ${entry.k === "user" ? "user" : "bot"}`);
    if (entry.pushed) {
      row.classList.add("pushed");
      row.append(el("span", "tag", `通知 · ${entry.at || clock(entry.t)}`));
    }
    const bubble = el("div", "bubble");
    bubble.append(el("span", "sr-only", entry.k === "user" ? "我：" : "警民通："));
    const thumb = thumbs.get(entry);
    if (thumb) {
      const img = el("img", "thumb");
      img.src = thumb;
      img.alt = "我发送的图片";
      img.addEventListener("error", () => img.remove()); // a format the browser cannot show
      bubble.append(img);
    }
    if (entry.image) {
      const url = safeUrl(entry.image);
      if (url) {
        const link = el("a", "pic");
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        const img = el("img");
        img.src = url;
        img.alt = entry.text ? "图片：" + entry.text.slice(0, 40) : "图片";
        img.loading = "lazy";
        img.addEventListener("load", () => {
          if (isNearEnd(img.height + 80)) scrollToEnd();
        });
        // Picture links expire after a week: an old conversation says so instead of
        // showing a broken image.
        img.addEventListener("error", () => {
          link.replaceWith(el("span", "muted", "［图片链接已过期］"));
        });
        link.append(img);
        bubble.append(link);
      } else {
        bubble.append(el("span", "muted", "［图片无法显示］"));
      }
    }
    if (entry.text) {
      const body = el("div", "text");
      appendText(body, entry.text);
      bubble.append(body);
    }
    row.append(bubble);
    if (entry.buttons && entry.buttons.length) row.append(renderChoices(sender, entry));
    row.title = clock(entry.t);
    rows.set(entry, row);
    return row;
  }

  function renderChoices(sender, entry) {
    const group = el("div", "choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "可选回复");
    entry.buttons.forEach((b, i) => {
      const button = el("button", "choice", b.title);
      button.type = "button";
      if (entry.chosen !== undefined || entry.closed) {
        // Answered already: aria-disabled keeps the button focusable, unlike `disabled`.
        button.setAttribute("aria-disabled", "true");
        if (entry.chosen === i) button.classList.add("chosen");
      }
      button.addEventListener("click", () => choose(sender, entry, i));
      group.append(button);
    });
    return group;
  }

  function renderWelcome() {
    const card = el("section", "welcome");
    card.setAttribute("aria-label", "使用说明");
    card.append(el("h2", "", "您好，欢迎使用警民通"));
    card.append(el("p", "", offer().welcome));
    const role = roleOf(state.active);
    if (role) {
      const p = el("p", "who");
      p.append("当前身份：");
      p.append(el("strong", "", role.label));
      const tip = ROLE_TIPS[role.short];
      if (tip) p.append("。" + tip);
      card.append(p);
    }
    card.append(el("p", "emergency", "紧急情况请直接拨打 110，本平台不受理紧急报警。"));
    if (history(state.active).length) {
      const clear = el("button", "link", "清除本机的对话记录");
      clear.type = "button";
      clear.addEventListener("click", clearHistory);
      card.append(clear);
    }
    return card;
  }

  function renderChips() {
    const { chips } = offer();
    if (ui.chips.dataset.chips === chips.join("|")) return;
    ui.chips.dataset.chips = chips.join("|");
    ui.chips.replaceChildren();
    for (const text of chips) {
      const chip = el("button", "chip", text);
      chip.type = "button";
      chip.addEventListener("click", () => send({ message: text }));
      ui.chips.append(chip);
    }
  }

  function renderAll() {
    renderChips();
    // Busy while the whole conversation is redrawn: screen readers announce only new messages.
    ui.log.setAttribute("aria-busy", "true");
    ui.log.replaceChildren(renderWelcome());
    const sender = state.active;
    for (const entry of history(sender)) ui.log.append(renderEntry(sender, entry));
    scrollToEnd();
    ui.log.setAttribute("aria-busy", "false");
  }

  function isNearEnd(slack = 80) {
    const log = ui.log;
    return log.scrollHeight - log.scrollTop - log.clientHeight < slack;
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  // Which element shows which entry, to update a message's buttons once one is chosen.
  const rows = new WeakMap();
  // The user's own photos, as object URLs of the files sent: for this page's life only.
  const thumbs = new WeakMap();

  let typing = null;
  function showTyping(sender) {
    hideTyping();
    if (sender !== state.active) return;
    typing = el("div", "msg bot typing");
    const bubble = el("div", "bubble");
    bubble.setAttribute("aria-label", "正在回复");
    bubble.append(el("i"), el("i"), el("i"));
    typing.append(bubble);
    ui.log.append(typing);
    scrollToEnd();
  }
  function hideTyping() {
    if (typing) typing.remove();
    typing = null;
  }

  // ---- notices ----
  let retryAction = null;
  let retryTimer = 0;
  /** Show `text`; `retry` offers the 重试 button, and with `auto` (seconds) is also run by
   *  itself then, unless the notice is gone by that time (closed, another message sent). */
  function notice(text, { retry = null, kind = "error", auto = 0 } = {}) {
    clearTimeout(retryTimer);
    ui.noticeText.textContent = text;
    ui.notice.className = `notice ${kind}`;
    retryAction = retry;
    ui.noticeRetry.hidden = !retry;
    ui.notice.hidden = false;
    if (retry && auto > 0) {
      retryTimer = setTimeout(() => {
        if (retryAction !== retry) return;
        clearNotice();
        retry(true);
      }, auto * 1000);
    }
  }
  function clearNotice() {
    clearTimeout(retryTimer);
    ui.notice.hidden = true;
    retryAction = null;
  }

  function failureText(error, typed, auto) {
    const kept = typed ? "您输入的内容已保留。" : "";
    if (error && error.expired && error.said) return `${error.said}${kept}`;
    if (error && error.status) {
      const s = error.status;
      // The server's own words where it said why (a 429's are the page's: it resends).
      if (error.said && s !== 429) return `${error.said}${kept}`;
      if (s === 413) return `发送的内容太大，未能发出：照片请换一张较小的，文字请分几条发送。${kept}`;
      if (s === 400) return `消息未能发送：内容格式有误，请刷新页面后再试。${kept}`;
      if (s === 429) {
        const when = auto ? `，${auto} 秒后自动重新发送` : "";
        return `发送太频繁，请稍后再试${when}。${kept}`;
      }
      if (s >= 500) return `服务暂时不可用，消息未发出。${kept}`;
      return `消息未能发送（错误 ${s}）。${kept}`;
    }
    if (error && error.name === "AbortError") {
      return `服务器长时间未响应，消息可能没有送达。${kept}`; // it may have arrived after all
    }
    return `网络连接失败，消息未发出。${kept}`;
  }

  // ---- HTTP ----
  class HttpError extends Error {
    /** `retryAfter`: seconds, as the server's Retry-After said (0 if it did not);
     *  `expired`: the identity was refused as too old; `said`: the server's words for the
     *  refusal (`{"error", "code"}`), empty where it said none (a proxy's page). */
    constructor(status, { retryAfter = 0, expired = false, said = "" } = {}) {
      super(`HTTP ${status}`);
      this.status = status;
      this.retryAfter = retryAfter;
      this.expired = expired;
      this.said = said;
    }
  }

  /** A refused answer as an HttpError: what the server said, where it said anything. */
  async function refusal(res) {
    const seconds = Number.parseInt(res.headers.get("Retry-After") || "", 10);
    let body = null;
    try {
      body = await res.json();
    } catch (_) {
      /* a proxy's page, not the server's JSON */
    }
    const expired = res.status === 401 && Boolean(body && body.expired === true);
    const wait = Number.isSafeInteger(seconds) && seconds > 0 ? seconds : 0;
    const own =
      body && typeof body.error === "string" && (expired || typeof body.code === "string");
    return new HttpError(res.status, {
      retryAfter: Math.min(wait, MAX_RETRY_AFTER_S),
      expired,
      said: own ? body.error.slice(0, 200) : "",
    });
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * Ask the server for this browser's identity (it sets the cookie), once at start and again
   * when it no longer knows the cookie. A page of an earlier version made its own identity and
   * kept it here: named once, its conversation moves to the new one (the server makes the old
   * name worthless), except an officer's, who binds again.
   */
  async function identify() {
    const old = store.get(KEY.legacy);
    const options = { method: "POST" };
    if (old) {
      options.headers = { "Content-Type": "application/json" };
      options.body = JSON.stringify({ claim: old });
    }
    let answer;
    for (let attempt = 1; ; attempt += 1) {
      try {
        answer = await fetchJson(API.session, options, POLL_TIMEOUT_MS);
        break;
      } catch (error) {
        // Too many at once from this address (a village behind one carrier address): the
        // server says when to come back, and nothing else works without an identity.
        if (!error || error.status !== 429 || attempt >= AUTO_RETRIES) return;
        await sleep((error.retryAfter || RETRY_AFTER_S) * 1000);
      }
    }
    state.renewedAt = Date.now();
    if (answer.expired === true) {
      // The server made a new identity: what this page knew of the old one is not its.
      for (const key of [KEY.cursor, KEY.kind, KEY.does]) store.remove(key(me));
      notice(
        "您的网页版身份已超过 30 天未使用，已经失效，现已为您开始新的对话。场所负责人、民警请重新绑定身份。",
        { kind: "info" },
      );
      if (state.active === me) {
        renderAll();
        learnKind(me);
      }
    }
    if (!old) return;
    if (answer.carried === "carried") {
      for (const key of [KEY.cursor, KEY.kind, KEY.does]) {
        const value = store.get(key(old));
        if (value !== null) store.set(key(me), value);
      }
      const list = historyStore.get(KEY.history(old));
      if (list !== null) historyStore.set(KEY.history(me), list);
      state.histories.delete(me);
    }
    for (const key of [KEY.cursor, KEY.kind, KEY.does]) store.remove(key(old));
    historyStore.remove(KEY.history(old));
    store.remove(KEY.legacy);
    if (answer.carried === "rebind") {
      store.remove(KEY.kind(me));
      notice(
        "网页版登录方式已更新，原民警身份需重新绑定：在企业微信或 Telegram 发送「/关联」取得关联码，再在此发送「/绑定 关联码」；也可向管理员索取邀请码。",
        { kind: "info" },
      );
    }
    if (state.active === me) {
      renderAll();
      learnKind(me);
    }
  }
  // One identify() at a time: two requests refused together must not make two identities.
  let identified = null;
  function reidentify() {
    if (!identified || identified.done) {
      const pending = identify().finally(() => {
        pending.done = true;
      });
      identified = pending;
    }
    return identified;
  }

  /** `url`'s JSON answer; a request the server no longer knows gets a new identity and is
   *  sent once more. */
  async function request(url, options, timeoutMs, outer) {
    await identified;
    try {
      return await fetchJson(url, options, timeoutMs, outer);
    } catch (error) {
      // An expired identity is not quietly replaced: what was being sent (a guest's ID number
      // in the middle of a registration) must not start a new identity's conversation.
      if (!error || error.status !== 401 || error.expired) throw error;
      await reidentify();
      return await fetchJson(url, options, timeoutMs, outer);
    }
  }

  async function fetchJson(url, options, timeoutMs, outer) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    const onOuter = () => ctrl.abort();
    if (outer) outer.addEventListener("abort", onOuter);
    try {
      const res = await fetch(url, { ...options, signal: ctrl.signal, cache: "no-store" });
      if (!res.ok) throw await refusal(res);
      return await res.json();
    } finally {
      clearTimeout(timer);
      if (outer) outer.removeEventListener("abort", onOuter);
    }
  }

  // ---- sending ----
  function setBusy(busy) {
    state.busy = busy;
    // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
    ui.send.setAttribute("aria-disabled", String(busy));
    ui.form.setAttribute("aria-busy", String(busy));
  }

  /**
   * Send one message as the active sender. `display` is what the user's bubble shows (a
   * button's title rather than its payload); `typed` restores the text box on failure.
   * Resolves to true once the server has answered.
   */
  async function send({
    message,
    display,
    metadata = null,
    image = null,
    thumb = null,
    typed = false,
    retries = 0,
  }) {
    if (state.busy) return false;
    const sender = state.active;
    setBusy(true);
    clearNotice();
    const mine = { k: "user", text: display || message, t: Date.now() };
    if (thumb) thumbs.set(mine, thumb);
    add(sender, mine);
    showTyping(sender);
    const body = { message };
    if (sender !== me) body.sender = sender; // a demo role
    if (metadata) body.metadata = metadata;
    if (image) body.image = image;
    try {
      const replies = await request(
        API.webhook,
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        },
        SEND_TIMEOUT_MS,
      );
      hideTyping();
      closeChoices(sender, mine);
      let first = null;
      for (const reply of Array.isArray(replies) ? replies : []) {
        if (!reply || typeof reply !== "object") continue;
        const row = add(sender, fromServer(reply, false), { scroll: false });
        first = first || row;
      }
      reveal(first);
      reconnected();
      if (/绑定/.test(message)) learnKind(sender);
      return true;
    } catch (error) {
      hideTyping();
      drop(sender, mine); // it was not sent: do not keep it in the conversation
      if (typed && !ui.text.value.trim() && sender === state.active) {
        ui.text.value = message;
        autosize();
      }
      const status = error && error.status;
      const canRetry = !(status === 400 || status === 413 || (error && error.expired));
      // Refused as too frequent: sent again by itself once the server says it may be.
      const auto =
        status === 429 && retries < AUTO_RETRIES ? error.retryAfter || RETRY_AFTER_S : 0;
      const retry = (automatic) => {
        if (typed && ui.text.value !== message) {
          // Changed since: the box is the user's now. Sending the old words by itself
          // would surprise them; the button still sends them if asked.
          if (automatic) return notice(failureText(error, typed, 0), { retry });
        } else if (typed) {
          ui.text.value = "";
          autosize();
        }
        const next = automatic ? retries + 1 : 0;
        return send({ message, display, metadata, image, thumb, typed, retries: next });
      };
      notice(failureText(error, typed, auto), { retry: canRetry ? retry : null, auto });
      return false;
    } finally {
      hideTyping();
      setBusy(false);
    }
  }

  /** Buttons sent before `mine` are answered by it (typed or tapped): none stays active.
   *  A pushed message's are not: they asked nothing in this conversation and name what they
   *  act on (「收到 #3」 on an alert that came in the middle of a registration stays tappable). */
  function closeChoices(sender, mine) {
    let changed = false;
    for (const entry of history(sender)) {
      if (entry === mine) break;
      if (entry.pushed) continue;
      if (!entry.buttons || !entry.buttons.length || entry.chosen !== undefined || entry.closed) {
        continue;
      }
      entry.closed = true;
      changed = true;
      const row = rows.get(entry);
      const group = row && row.isConnected && row.querySelector(".choices");
      if (!group) continue;
      group.querySelectorAll(".choice").forEach((b) => b.setAttribute("aria-disabled", "true"));
    }
    if (changed) save(sender);
  }

  async function choose(sender, entry, index) {
    if (entry.chosen !== undefined || entry.closed || state.busy || sender !== state.active) return;
    const button = entry.buttons[index];
    const ok = await send({ message: button.payload, display: button.title });
    if (ok) {
      entry.chosen = index;
      save(sender);
      const row = rows.get(entry);
      const group = row && row.isConnected && row.querySelector(".choices");
      if (group) {
        group.querySelectorAll(".choice").forEach((b, i) => {
          b.setAttribute("aria-disabled", "true");
          if (i === index) b.classList.add("chosen");
        });
      }
    }
  }

  function submitTyped() {
    const message = ui.text.value;
    if (state.busy) return;
    if (!message.trim()) {
      // Nothing happening on 发送 reads as a broken page.
      notice("请先输入内容再发送。发送位置或照片，请点输入框左边的按钮。", { kind: "warn" });
      ui.text.focus();
      return;
    }
    const n = charCount(message);
    if (n > MAX_CHARS) {
      notice(`消息太长：最多 ${MAX_CHARS} 字，现在 ${n} 字。请删减或分几条发送，您输入的内容已保留。`, {
        kind: "warn",
      });
      return;
    }
    ui.text.value = "";
    autosize();
    send({ message, typed: true });
  }

  // Characters as the server counts them: an emoji is one, not two UTF-16 units.
  function charCount(text) {
    let n = 0;
    for (const _ of text) n += 1;
    return n;
  }

  function autosize() {
    ui.text.style.height = "auto";
    ui.text.style.height = Math.min(ui.text.scrollHeight + 2, 140) + "px";
    // Near the limit, say how much is left; past it, say by how much (nothing is cut).
    const n = charCount(ui.text.value);
    ui.count.hidden = n < COUNT_FROM;
    ui.count.classList.toggle("over", n > MAX_CHARS);
    ui.count.textContent =
      n > MAX_CHARS
        ? `已超出 ${n - MAX_CHARS} 字，请删减后发送（最多 ${MAX_CHARS} 字）`
        : `${n} / ${MAX_CHARS}`;
  }

  // ---- location ----
  const LOCATION_ERRORS = {
    1: "您未允许获取位置。可在浏览器设置中开启定位权限，或直接输入地址。",
    2: "暂时无法获取您的位置，请稍后再试，或直接输入地址。",
    3: "获取位置超时，请稍后再试，或直接输入地址。",
  };

  let locating = false;
  function shareLocation() {
    if (state.busy || locating) return;
    if (!("geolocation" in navigator)) {
      notice("此浏览器不支持获取位置，请直接输入地址。", { kind: "warn" });
      return;
    }
    if (!window.isSecureContext) {
      notice("当前不是安全连接（HTTPS），浏览器不允许共享位置。请直接输入地址。", { kind: "warn" });
      return;
    }
    locating = true;
    ui.locate.setAttribute("aria-busy", "true");
    notice("正在获取您的位置…", { kind: "info" });
    const done = () => {
      locating = false;
      ui.locate.removeAttribute("aria-busy");
    };
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        done();
        clearNotice();
        const { latitude, longitude } = pos.coords;
        send({
          message: "",
          display: `📍 我的位置（${latitude.toFixed(5)}, ${longitude.toFixed(5)}）`,
          metadata: { location: { latitude, longitude, label: "我的位置" } },
        });
      },
      (error) => {
        done();
        notice(LOCATION_ERRORS[error && error.code] || LOCATION_ERRORS[2], { kind: "warn" });
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  // ---- photos ----
  // A phone photo is several megabytes; the server takes 2 MB a request. Drawn again at
  // most PHOTO_EDGE pixels on its long side as JPEG, it is a few hundred kilobytes, and
  // the server strips what metadata is left.
  const PHOTO_EDGE = 1600;

  async function shrink(file) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PHOTO_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    if (bitmap.close) bitmap.close();
    return canvas.toDataURL("image/jpeg", 0.85);
  }

  async function sendPhoto() {
    const file = ui.photoFile.files && ui.photoFile.files[0];
    ui.photoFile.value = ""; // the same file chosen twice is sent twice
    if (!file || state.busy) return;
    if (!file.type.startsWith("image/")) {
      notice("请选择图片文件（JPG 或 PNG）。", { kind: "warn" });
      return;
    }
    let image;
    try {
      image = await shrink(file);
    } catch (error) {
      notice("无法读取这张图片，请换一张 JPG 或 PNG 格式的照片。", { kind: "warn" });
      return;
    }
    const thumb = URL.createObjectURL(file);
    const label = `📷 图片（${file.name}）`;
    // Words typed before the photo was picked are its caption. Too long for one message,
    // they stay in the box, and the photo goes alone.
    const caption = ui.text.value;
    if (!caption.trim() || charCount(caption) > MAX_CHARS) {
      send({ message: "", display: label, image, thumb });
      return;
    }
    ui.text.value = "";
    autosize();
    send({ message: caption, display: `${label}\n${caption}`, image, thumb, typed: true });
  }

  // ---- inbox polling: messages pushed later (alerts, broadcasts) ----
  const poll = { timer: 0, failures: 0, generation: 0, ctrl: null, wait: 0 };

  function pollSoon(delay) {
    clearTimeout(poll.timer);
    poll.timer = setTimeout(pollOnce, delay);
  }

  /** A message went through: the connection is back, whatever the last poll said. */
  function reconnected() {
    if (!poll.failures) return;
    poll.failures = 0;
    ui.conn.hidden = true;
    pollSoon(0);
  }

  function restartPolling() {
    poll.generation += 1;
    if (poll.ctrl) poll.ctrl.abort();
    poll.failures = 0;
    pollSoon(0);
  }

  async function pollOnce() {
    // Left open for days, the page renews its identity before the server would refuse it.
    if (state.renewedAt && Date.now() - state.renewedAt > RENEW_MS) await reidentify();
    const generation = poll.generation;
    const sender = state.active;
    const after = cursor(sender);
    poll.ctrl = new AbortController();
    let received = 0;
    try {
      const query = `?${senderQuery(sender)}after=${after}`;
      const data = await request(API.inbox + query, {}, POLL_TIMEOUT_MS, poll.ctrl.signal);
      const seen = new Set(history(sender).map((e) => e.rid).filter(Boolean));
      const perRow = new Map();
      for (const m of Array.isArray(data.messages) ? data.messages : []) {
        if (!m || typeof m !== "object") continue;
        const n = perRow.get(m.id) || 0;
        perRow.set(m.id, n + 1);
        const rid = `${m.id}:${n}`;
        if (seen.has(rid)) continue; // another tab already showed it
        const entry = fromServer(m, true);
        entry.rid = rid;
        // When it was sent, in the station's time as in the texts: not when this page heard.
        if (typeof m.at === "string") entry.at = m.at.slice(0, 20);
        add(sender, entry);
        received += 1;
      }
      if (Number.isSafeInteger(data.last_id) && data.last_id > after) {
        store.set(KEY.cursor(sender), String(data.last_id));
      }
      poll.failures = 0;
    } catch (error) {
      if (error && error.expired) {
        // Not a broken connection: only a reload helps, and the server says so.
        if (generation === poll.generation) notice(error.said, { kind: "warn" });
        return;
      }
      if (generation === poll.generation) {
        poll.failures += 1;
        poll.wait = (error && error.status === 429 && error.retryAfter) || 0;
      }
    }
    if (generation !== poll.generation) return; // the role changed: a new loop is running
    ui.conn.hidden = poll.failures < 2;
    let delay = document.hidden ? POLL_HIDDEN_MS : POLL_VISIBLE_MS;
    if (poll.failures) delay = Math.min(POLL_MAX_MS, delay * 2 ** Math.min(poll.failures, 5));
    if (poll.failures && poll.wait) delay = Math.max(delay, poll.wait * 1000);
    if (received) delay = 300; // a full page may have more behind it
    pollSoon(delay);
  }

  // ---- identities and the demo role switcher ----
  function shortLabel(label) {
    return label.split(/[（(]/)[0].trim() || label;
  }

  function renderRoles() {
    ui.seg.replaceChildren();
    for (const role of identities()) {
      const item = el("label", "seg-item");
      item.title = role.label;
      const input = el("input");
      input.type = "radio";
      input.name = "role";
      input.value = role.sender;
      input.checked = role.sender === state.active;
      input.setAttribute("aria-label", role.label);
      input.addEventListener("change", () => {
        if (input.checked) switchTo(role.sender);
      });
      item.append(input, el("span", "", role.short));
      ui.seg.append(item);
    }
    ui.roles.hidden = false;
  }

  function switchTo(sender) {
    if (sender === state.active) return;
    state.active = sender;
    store.set(KEY.active, sender);
    dismissHint();
    clearNotice();
    hideTyping();
    renderAll();
    restartPolling();
    learnKind(sender);
  }

  function dismissHint() {
    ui.hint.hidden = true;
    store.set(KEY.hintSeen, "1");
  }

  async function loadRoles() {
    let roles = [];
    try {
      const data = await request(API.demo, {}, POLL_TIMEOUT_MS);
      roles = (Array.isArray(data.roles) ? data.roles : []).filter(
        (r) => r && typeof r.sender === "string" && typeof r.label === "string" && r.sender,
      );
    } catch (_) {
      return; // keep whatever identity was active; the switcher stays hidden
    }
    const rank = (r) => {
      const at = ROLE_ORDER.indexOf(r.short);
      return at < 0 ? ROLE_ORDER.length : at;
    };
    state.roles = roles
      .map((r) => ({ sender: r.sender, label: r.label, short: shortLabel(r.label) }))
      .map((r, i) => ({ r, i }))
      .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
      .map(({ r }) => r);
    if (state.active !== me && !state.roles.some((r) => r.sender === state.active)) {
      switchTo(me); // the station is no longer a demo
    }
    if (state.roles.length) {
      renderRoles();
      ui.hint.hidden = Boolean(store.get(KEY.hintSeen));
    }
    renderAll();
  }

  function clearHistory() {
    if (!window.confirm("清除本机保存的当前身份的对话记录？")) return;
    const sender = state.active;
    state.histories.set(sender, []);
    historyStore.remove(KEY.history(sender));
    renderAll();
    ui.text.focus();
  }

  // ---- wiring ----
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitTyped();
  });
  ui.text.addEventListener("keydown", (event) => {
    // Enter while an input method is composing picks a candidate: it must not send.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) {
      return;
    }
    event.preventDefault();
    submitTyped();
  });
  ui.text.addEventListener("input", autosize);
  ui.locate.addEventListener("click", shareLocation);
  ui.photo.addEventListener("click", () => {
    if (!state.busy) ui.photoFile.click();
  });
  ui.photoFile.addEventListener("change", sendPhoto);
  ui.noticeRetry.addEventListener("click", () => {
    const retry = retryAction;
    clearNotice();
    if (retry) retry();
  });
  ui.noticeClose.addEventListener("click", () => {
    clearNotice();
    ui.text.focus();
  });
  ui.hintClose.addEventListener("click", () => {
    dismissHint();
    ui.text.focus();
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      clearUnread();
      poll.failures = 0;
      pollSoon(0);
    }
  });
  window.addEventListener("focus", clearUnread);
  window.addEventListener("online", () => pollSoon(0));
  window.addEventListener("storage", (event) => {
    // Another tab of this page wrote a conversation: show what it saved.
    if (!event.key || !event.key.startsWith("jingmin.")) return;
    store.forget(event.key);
    if (event.key.startsWith("jingmin.history.")) {
      const sender = event.key.slice("jingmin.history.".length);
      state.histories.delete(sender);
      if (sender === state.active) renderAll();
    }
  });

  reidentify();
  renderAll();
  pollSoon(0);
  loadRoles();
  learnKind(state.active);
})();
