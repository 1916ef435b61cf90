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
