"""A request's text and a candidate's text cut into the words matching compares (jieba).

A word is what jieba's precise mode cuts, lower-cased, an English plural reduced to its
singular; a Chinese word of one character, a number and the words every request uses (技术,
需求, company, solution …) carry no meaning of their own and are left out. A longer word also
brings its finer parts (jieba's search mode: 动力电池 → 动力, 电池), matched with less weight.
"""

import re
import unicodedata

from apps.search.segmentation import cut, cut_for_search

# Beyond this a text says nothing more about what it is about; a pasted document (or a
# hostile 100,000-character one) is cut to it before jieba sees it.
MAX_TEXT_CHARS = 4000
MAX_QUERY_WORDS = 80
MIN_CJK_WORD = 2

# Words of the requests themselves, not of any field.
_STOP_WORDS_TEXT = """
    技术 需求 企业 公司 我们 我司 本公司 希望 需要 寻求 寻找 合作 项目 研发 开发 解决 方案 问题
    提供 进行 相关 实现 提高 提升 降低 目前 现有 一种 一套 系统 应用 能力 研究 领域 产品 建设
    工作 利用 通过 以及 主要 方面 单位 高校 大学 清华 清华大学 专家 团队 支持 帮助 相关 服务 用于
    开展 针对 存在 具有 国内 国外 领先 先进 关键 核心 突破 难题 成本 效率 质量 市场 生产 工艺
    设备 方法 技术难题 我方 贵校 院系 联合 共同 推动 推进 促进 地区 当地 本地 省内 市内 全国
评估 引进 示范 推广 优化 设计 分析 改造 建立 方面 计划 想要 越来越 每年 大量
    including the a an and or of for to in on with we our us need needs needed looking look
    seek seeking company companies technology technologies technical solution solutions
    develop developing development system systems project projects improve improving new
    use using used based help from by at is are be been that this these those which can
    could want would like partner partners university cooperation research provide
    providing support our its it as into than more most low high cost costs efficient
    efficiency quality product products process processes method methods equipment
    local region regional province city area about also other such do does model
    plan plans planning wants every year help assessment design analysis optimise optimize
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean(text):
    """The text as matching reads it: control and direction characters gone, at most
    ``MAX_TEXT_CHARS`` characters."""
    text = unicodedata.normalize("NFKC", str(text or "")[: MAX_TEXT_CHARS * 2])
    return _CONTROL.sub(" ", text)[:MAX_TEXT_CHARS]


def is_cjk(word):
    return any("\u3400" <= character <= "\u9fff" for character in word)


def _normal(token):
    token = token.strip().lower()
    if not token or not all(character.isalnum() for character in token):
        return ""
    if token.isdigit():
        return ""
    if is_cjk(token):
        return token if len(token) >= MIN_CJK_WORD else ""
    if len(token) < 2:
        return ""
    if len(token) > 4 and token.endswith("ies"):
        token = token[:-3] + "y"
    elif len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        token = token[:-1]
    return token


def _meaningful(word):
    return bool(word) and word not in STOP_WORDS


def text_words(text):
    """Every word of a text, in order, repeated as often as it occurs: (word, surface)."""
    found = []
    for token in cut(clean(text)):
        word = _normal(token)
        if _meaningful(word):
            found.append((word, token.strip()))
    return found


def word_parts(word):
    """The finer parts of a longer word (none for a word jieba does not split)."""
    if not is_cjk(word) or len(word) < 3:
        return []
    parts = []
    for token in cut_for_search(word):
        part = _normal(token)
        if part and part != word and _meaningful(part) and part not in parts:
            parts.append(part)
    return parts


def document_words(*texts):
    """A candidate's words and their finer parts, as the index stores them (space-separated,
    repeated as often as they occur)."""
    words, parts = [], []
    for text in texts:
        for word, _surface in text_words(text):
            words.append(word)
            parts.extend(word_parts(word))
    return " ".join(words), " ".join(parts)


def query_words(text):
    """The distinct words of a request, in the order they first occur, with their surface
    (as the partner wrote them) and their finer parts: [(word, surface, parts)]."""
    seen = {}
    for word, surface in text_words(text):
        if word not in seen:
            seen[word] = surface
            if len(seen) >= MAX_QUERY_WORDS:
                break
    return [(word, surface, word_parts(word)) for word, surface in seen.items()]
