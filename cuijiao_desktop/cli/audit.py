"""``audit verify``: walk the audit log's hash chain and name the first broken link."""

from __future__ import annotations

import argparse

from cuijiao_desktop.domain.permissions import Permission

from .common import EXIT_RULE, Context, LineProgress

#: How each kind of broken link is told (``domain.audit_chain.BreakKind``).
BREAK_TEXT = {
    "changed": "第 {seq} 条记录的内容被改动过（与它自己的哈希不符）",
    "missing": "第 {expected} 条起的记录被删除了（下一条是第 {seq} 条）",
    "inserted": "第 {seq} 条记录与前一条接不上（前一条被改写或替换，或此条是插入的）",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the commands of this module."""
    audit = sub.add_parser("audit", help="审计日志")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser("verify", help="校验审计日志的哈希链，指出第一处断开的位置（主管、管理员）")
    verify.set_defaults(run=_verify, permission=Permission.VIEW_AUDIT)


def _verify(args: argparse.Namespace, ctx: Context) -> int:
    from cuijiao_desktop.messages import format_local_datetime
    from cuijiao_desktop.services.audit_log import verify_chain

    progress = LineProgress("校验")
    with ctx.read_factory.begin() as s:
        report = verify_chain(s, actor=ctx.actor, progress=progress)
    progress.done()
    if report.ok:
        print(f"审计日志完好：共 {report.checked:,} 条，哈希链无断开（{report.seconds:.1f} 秒）")
        if report.head_seq:
            print(f"链尾：第 {report.head_seq} 条，哈希 {report.head_hash}（可记下，日后比对）")
        return 0
    b = report.broken
    assert b is not None
    text = BREAK_TEXT[b.kind.value].format(seq=b.chain_seq, expected=b.expected_seq)
    print(f"审计日志被篡改：{text}。")
    print(f"  该条：编号 {b.audit_id}，{format_local_datetime(b.at)}，{b.action}；此前 {report.checked:,} 条完好。")
    return EXIT_RULE
