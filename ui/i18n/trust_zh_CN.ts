<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>UnlockView</name>
    <message>
        <source>You can try again now.</source>
        <translation>现在可以再试一次了。</translation>
    </message>
    <message>
        <source>After several wrong passphrases, the next try has to wait: 1 second left.</source>
        <translation>密码已连续输错多次，需要稍等才能再试：还剩 1 秒。</translation>
    </message>
    <message numerus="yes">
        <source>After several wrong passphrases, the next try has to wait: %n seconds left.</source>
        <translation>
            <numerusform>密码已连续输错多次，需要稍等才能再试：还剩 %n 秒。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The profile “%1” is damaged and can't be opened. Its files have been left as they are; other profiles still work.</source>
        <translation>个人空间“%1”已损坏，无法打开。它的文件都保持原样，没有被改动；其他个人空间仍可正常使用。</translation>
    </message>
</context>
</TS>
