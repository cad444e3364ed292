<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SafetyCard</name>
    <message>
        <source>Your safety comes first</source>
        <translation>你的安全最重要</translation>
    </message>
    <message>
        <source>A gentle check-in</source>
        <translation>想关心一下你</translation>
    </message>
    <message>
        <source>What did you mean? (optional)</source>
        <translation>你想表达的是什么？（可以不填）</translation>
    </message>
    <message>
        <source>What you meant (optional)</source>
        <translation>你想表达的意思（可以不填）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Your safety plan</source>
        <translation>你的安全计划</translation>
    </message>
    <message>
        <source>Crisis lines</source>
        <translation>危机热线</translation>
    </message>
    <message>
        <source>That's not what I meant</source>
        <translation>我不是这个意思</translation>
    </message>
    <message>
        <source>Tell the app it misread your message. This note stays, and your correction is saved with the conversation.</source>
        <translation>告诉应用它误会了你的话。这条提示会留着，你的更正会和这段对话一起保存。</translation>
    </message>
    <message>
        <source>Safety check-in</source>
        <translation>安全关怀提示</translation>
    </message>
    <message>
        <source>What the safety check noticed in your message:</source>
        <translation>安全检查在你的消息里注意到：</translation>
    </message>
    <message>
        <source>words that can be a sign of feeling unsafe</source>
        <translation>一些可能说明你处境不安全的字句</translation>
    </message>
    <message>
        <source>Call your local emergency number now.</source>
        <translation>请现在就拨打当地的紧急电话。</translation>
    </message>
    <message>
        <source>Emergency: %1</source>
        <translation>紧急电话：%1</translation>
    </message>
    <message>
        <source>Thank you for telling me. This note appeared because the app checks every message for words that can be a sign of someone not being safe, and some of yours matched. It can get it wrong. Your correction is saved with this conversation.</source>
        <translation>谢谢你告诉我。出现这条提示，是因为应用会检查每一条消息里有没有可能说明处境不安全的字句，你的消息里有一些对上了。它也会有判断错的时候。你的更正已经和这段对话一起保存。</translation>
    </message>
    <message>
        <source>What you meant: %1</source>
        <translation>你想表达的是：%1</translation>
    </message>
</context>
</TS>
