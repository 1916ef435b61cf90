"""The mediation documents' names (人民调解文书): a leaf module, so the command line can list them cheaply."""

from __future__ import annotations

#: Form names used on the command line and in the UI (``policeroom print FORM CASE_NUMBER``).
FORMS = (
    "application",  # 人民调解申请书
    "intake",  # 人民调解受理登记表
    "investigation",  # 人民调解调查记录
    "session",  # 人民调解记录
    "agreement",  # 人民调解协议书
    "oral-agreement",  # 人民调解口头协议登记表
    "revisit",  # 人民调解回访记录
    "public-order-agreement",  # 治安调解协议书
    "casefile",  # 卷宗
)

FORM_TITLES = {
    "application": "人民调解申请书",
    "intake": "人民调解受理登记表",
    "investigation": "人民调解调查记录",
    "session": "人民调解记录",
    "agreement": "人民调解协议书",
    "oral-agreement": "人民调解口头协议登记表",
    "revisit": "人民调解回访记录",
    "public-order-agreement": "治安调解协议书",
    "casefile": "调解卷宗",
}

#: The same papers in a 治安调解 case: the police station's, not the committee's (forms.md).
PUBLIC_ORDER_TITLES = {
    "intake": "治安调解受理登记表",
    "investigation": "治安调解调查记录",
    "session": "治安调解记录",
    "revisit": "治安调解回访记录",
    "casefile": "治安调解卷宗",
}


def form_title(form: str, kind: str) -> str:
    """The title ``form`` prints for a case of ``kind`` ("people" or "public_order")."""
    if kind == "public_order" and form in PUBLIC_ORDER_TITLES:
        return PUBLIC_ORDER_TITLES[form]
    return FORM_TITLES[form]
