<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChatView</name>
    <message>
        <location filename="../chat_view.py" line="103"/>
        <location filename="../chat_view.py" line="195"/>
        <source>New conversation</source>
        <extracomment>Streamed text is repainted at most this often; generation itself is never throttled.</extracomment>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="104"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="108"/>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="112"/>
        <source>Delete conversation…</source>
        <translation>删除对话…</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="123"/>
        <source>Say anything - how are you, really?</source>
        <translation>想说什么都可以——你现在，真的还好吗？</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="131"/>
        <source>Write here. Enter sends, Shift+Enter starts a new line.</source>
        <translation>在这里写下来。按 Enter 发送，Shift+Enter 换行。</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="132"/>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="138"/>
        <source>Try another reply</source>
        <translation>换一个回复</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="142"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="143"/>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复（Esc）</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="146"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="231"/>
        <location filename="../chat_view.py" line="353"/>
        <location filename="../chat_view.py" line="356"/>
        <source>(stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="250"/>
        <source>Wait for the reply to finish (or stop it) before deleting.</source>
        <translation>请等回复结束（或先停止它）再删除。</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="255"/>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="256"/>
        <source>Delete “%1” and its %2 messages from this computer? This cannot be undone.</source>
        <translation>要从这台电脑上删除“%1”及其中的 %2 条消息吗？删除后无法恢复。</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="285"/>
        <source>That is too long to send at once (%1 characters; the limit is %2). Nothing was lost: your text is still in the box.</source>
        <translation>内容太长，没法一次发出去（%1 个字符，上限是 %2）。什么都没丢：你写的内容还在输入框里。</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="290"/>
        <source>Your text is still in the box.</source>
        <translation>你写的内容还在输入框里。</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="297"/>
        <location filename="../chat_view.py" line="312"/>
        <location filename="../chat_view.py" line="314"/>
        <source>thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="348"/>
        <source>I can&apos;t reply right now: the local model isn&apos;t available (%1). Your message is saved.</source>
        <translation>我现在没法回复：本地模型不可用（%1）。你的消息已经保存好了。</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="352"/>
        <source>(no reply)</source>
        <translation>（没有回复）</translation>
    </message>
    <message>
        <location filename="../chat_view.py" line="358"/>
        <source>This reply could not be saved: %1</source>
        <translation>这条回复没能保存：%1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../errors.py" line="13"/>
        <source>That passphrase doesn&apos;t open this profile. Check Caps Lock and the keyboard layout, then try again.</source>
        <translation>这个密码打不开这个个人空间。请检查 Caps Lock 和键盘布局，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="16"/>
        <source>This profile was saved by a newer version of Companion. Please update the app to open it; nothing in it has been changed.</source>
        <translation>这个个人空间是用更新版本的 Companion 保存的。请先更新应用再打开；里面的内容没有任何改动。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="19"/>
        <source>The disk is full, so this could not be saved. Free some space and try again.</source>
        <translation>磁盘已满，没能保存。请清理出一些磁盘空间后再试一次。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="21"/>
        <source>Companion can&apos;t write to its data folder (it is read-only). Nothing new can be saved.</source>
        <translation>Companion 无法写入它的数据文件夹（该文件夹是只读的），新的内容都存不下来。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="23"/>
        <source>This profile&apos;s files are damaged and can&apos;t be opened. They have been left as they are; other profiles still work.</source>
        <translation>这个个人空间的文件已损坏，无法打开。文件都保持原样，没有被改动；其他个人空间仍可正常使用。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="26"/>
        <source>A profile with that nickname already exists. Choose another nickname.</source>
        <translation>已经有个人空间在用这个昵称了，请换一个。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="28"/>
        <source>That profile no longer exists.</source>
        <translation>这个个人空间已经不存在了。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="30"/>
        <source>The profile is locked.</source>
        <translation>个人空间已锁定。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="31"/>
        <source>Something went wrong while saving or reading your data.</source>
        <translation>保存或读取数据时出了点问题。</translation>
    </message>
    <message>
        <source>Something went wrong on our side. Nothing you had already saved was lost.</source>
        <translation>我们这边出了点问题。你之前保存的内容都还在，没有丢失。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Need help now</source>
        <translation>现在需要帮助</translation>
    </message>
    <message>
        <source>If you are in danger or might act on thoughts of harming yourself, call your local emergency number now.</source>
        <translation>如果你正处于危险中，或者可能会按伤害自己的念头去做，请现在就拨打当地的紧急电话。</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="40"/>
        <source>Companion</source>
        <translation>陪伴 Companion</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76"/>
        <source>AI companion, not a therapist</source>
        <translation>AI 陪伴，不是心理咨询师</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="78"/>
        <source>Companion is an AI. It can be wrong, it cannot call anyone, and it is not a replacement for professional care.</source>
        <translation>Companion 是 AI。它可能会出错，不能替你打电话给任何人，也不能代替专业帮助。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="83"/>
        <source>Preferences</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="87"/>
        <source>Lock now (Ctrl+L). Ctrl+Shift+H locks and hides the window.</source>
        <translation>立即锁定（Ctrl+L）。按 Ctrl+Shift+H 可锁定并隐藏窗口。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105"/>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="108"/>
        <source>Creating your profile…</source>
        <translation>正在创建你的个人空间…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116"/>
        <source>That nickname can&apos;t be used. Try a shorter one.</source>
        <translation>这个昵称用不了，换个短一点的试试。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>The profile could not be opened.</source>
        <translation>无法打开这个个人空间。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>Before we start</source>
        <translation>开始之前</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>Companion is an AI companion, not a person and not a therapist. It can listen, help you notice thoughts and feelings, and suggest exercises, but it can be wrong, it cannot call anyone, and it does not diagnose.

Everything you write stays on this computer, encrypted with your passphrase. If you are in danger, contact your local emergency number.</source>
        <translation>Companion 是 AI 陪伴，不是真人，也不是心理咨询师。它可以倾听，帮你留意自己的想法和感受，也会推荐一些练习；但它可能出错，不能替你打电话给任何人，也不做医学判断。

你写下的一切都只保存在这台电脑上，并用你的密码加密。如果你正处于危险之中，请拨打当地的紧急求助电话。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="183"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="186"/>
        <source>no model installed · chat unavailable; everything else works</source>
        <translation>未安装模型 · 暂时无法聊天，其他功能都能正常使用</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <source>chat unavailable: %1</source>
        <translation>暂时无法聊天：%1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="192"/>
        <source>model loads after unlock</source>
        <translation>解锁后加载模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="193"/>
        <source>loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194"/>
        <source>ready</source>
        <translation>已就绪</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="195"/>
        <source>replying…</source>
        <translation>正在回复…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="196"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200"/>
        <source>no chat template in this model: replies may be poor</source>
        <translation>此模型没有对话模板，回复质量可能不太好</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../preferences_dialog.py" line="17"/>
        <source>Preferences</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="24"/>
        <location filename="../preferences_dialog.py" line="32"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="28"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="29"/>
        <source>A new language applies the next time Companion starts.</source>
        <translation>新的语言会在下次启动 Companion 时生效。</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="32"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="33"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="33"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="36"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="41"/>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="45"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="46"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="49"/>
        <source>Lock after idle</source>
        <translation>闲置后自动锁定</translation>
    </message>
    <message>
        <location filename="../preferences_dialog.py" line="67"/>
        <source>The preferences could not be saved.</source>
        <translation>设置没能保存。</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <location filename="../unlock_view.py" line="34"/>
        <location filename="../unlock_view.py" line="134"/>
        <source>Welcome back</source>
        <translation>欢迎回来</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="39"/>
        <source>Your conversations stay on this computer, locked with your passphrase.</source>
        <translation>你的对话只保存在这台电脑上，并用你的密码锁好。</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="54"/>
        <source>Message</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="73"/>
        <source>Profiles</source>
        <translation>个人空间</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="79"/>
        <location filename="../unlock_view.py" line="80"/>
        <location filename="../unlock_view.py" line="103"/>
        <location filename="../unlock_view.py" line="104"/>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="83"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="87"/>
        <source>Create a new profile…</source>
        <translation>创建新的个人空间…</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="99"/>
        <location filename="../unlock_view.py" line="100"/>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="107"/>
        <source>Passphrase again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="109"/>
        <source>Again</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="112"/>
        <source>On a shared computer, use a nickname rather than your name: nicknames are the only thing others can see here. A forgotten passphrase cannot be recovered; only the recovery code offered after creating the profile can stand in for it.</source>
        <translation>在共用的电脑上，请用昵称，不要用真实姓名：这里别人唯一能看到的就是昵称。密码忘了就找不回来，只有创建个人空间后提供的恢复码能代替它。</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="117"/>
        <source>Create profile</source>
        <translation>创建个人空间</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="121"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="134"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="161"/>
        <source>Choose a profile first.</source>
        <translation>请先选择一个个人空间。</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="164"/>
        <source>Type your passphrase.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="171"/>
        <source>Choose a nickname.</source>
        <translation>请起一个昵称。</translation>
    </message>
    <message numerus="yes">
        <location filename="../unlock_view.py" line="174"/>
        <source>Use a passphrase of at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../unlock_view.py" line="177"/>
        <source>The two passphrases are different.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
</TS>
