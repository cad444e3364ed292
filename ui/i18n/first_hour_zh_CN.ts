<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CrisisSettings</name>
    <message>
        <source>Somewhere else (show: call your local emergency number)</source>
        <translation>其他地区（显示：请拨打当地急救电话）</translation>
    </message>
</context>
<context>
    <name>ExerciseRunner</name>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>FirstRunSetup</name>
    <message>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>At least %1 characters. A few words you will remember are best.</source>
        <translation>至少 %1 个字符。用几个你记得住的词组合起来最好。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Choose a nickname.</source>
        <translation>请起一个昵称。</translation>
    </message>
    <message>
        <source>Companion is an AI you can talk to at any hour, without being judged. It listens, helps you notice thoughts and feelings, and offers exercises and self-checks.

It is not a person and not a therapist: it can be wrong, it does not diagnose, and it cannot call anyone. If you are in danger, the “Need help now” button at the top shows crisis lines at any time.

Everything you write stays on this computer, encrypted. Nothing is ever sent anywhere.</source>
        <translation>Companion 是一个 AI，无论几点都可以和它聊，它不会评判你。它会倾听，帮你留意自己的想法和感受，也会提供一些练习和自我检查。

它不是真人，也不是心理咨询师：它可能会出错，不会做诊断，也不能替你打电话给任何人。如果你有危险，随时可以点顶部的“现在需要帮助”，查看危机求助热线。

你写下的一切都加密保存在这台电脑上，不会发送到任何地方。</translation>
    </message>
    <message>
        <source>Companion will talk with “%1”, a model that runs on this computer. The one that comes built in is very small: its replies are short and sometimes miss the point. A larger model (1 to 4 billion parameters, a .gguf file from a USB stick or a folder) talks much better; you can add one on the Models page at any time.</source>
        <translation>Companion 会用“%1”来和你聊天，这个模型就在这台电脑上运行。自带的模型很小，回复比较短，有时会答不到点子上。大一些的模型（10 亿到 40 亿参数，一个 .gguf 文件，可以从 U 盘或文件夹导入）会聊得好很多，随时可以在“模型”页面添加。</translation>
    </message>
    <message>
        <source>Create my profile</source>
        <translation>创建我的个人空间</translation>
    </message>
    <message>
        <source>Creating your profile takes a few seconds: the passphrase is turned into a key slowly on purpose, so it is hard to guess.</source>
        <translation>创建个人空间需要几秒钟：密码会被有意慢慢地转换成密钥，这样别人就很难猜出来。</translation>
    </message>
    <message>
        <source>Fair. A few more characters or another word would make it strong.</source>
        <translation>一般。再多几个字符或再加一个词，就会很安全。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>No language model is installed yet. Exercises, self-checks, your safety plan and a guided conversation all work without one; for free conversation, add a model (a .gguf file) on the Models page.</source>
        <translation>目前还没有安装语言模型。没有模型时，练习、自我检查、安全计划和引导式对话都能正常使用；想要自由聊天，可以在“模型”页面添加一个模型（.gguf 文件）。</translation>
    </message>
    <message>
        <source>On a shared computer, use a nickname rather than your name.</source>
        <translation>如果是多人共用的电脑，请用昵称，不要用真名。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>密码强度</translation>
    </message>
    <message>
        <source>Region for crisis lines</source>
        <translation>危机热线所在地区</translation>
    </message>
    <message>
        <source>Show me the Models page when we're done</source>
        <translation>设置完成后带我去“模型”页面</translation>
    </message>
    <message>
        <source>Somewhere else (show: call your local emergency number)</source>
        <translation>其他地区（显示：请拨打当地急救电话）</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Strength: %1</source>
        <translation>强度：%1</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>很安全。</translation>
    </message>
    <message>
        <source>The language of Companion. It applies at once.</source>
        <translation>Companion 的界面语言，选择后立即生效。</translation>
    </message>
    <message>
        <source>The only thing others using this computer can see.</source>
        <translation>使用这台电脑的其他人只能看到你的昵称。</translation>
    </message>
    <message>
        <source>The two passphrases are different.</source>
        <translation>两次输入的密码不一样。</translation>
    </message>
    <message>
        <source>Too short: use at least %1 characters.</source>
        <translation>太短了：至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>Use a passphrase of at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>Weak: longer is better, for example three or four words.</source>
        <translation>偏弱：越长越好，比如用三四个词组合起来。</translation>
    </message>
    <message>
        <source>When things get very hard, Companion shows crisis lines you can call or message. Where are you, so they are the right ones?</source>
        <translation>当你非常难熬的时候，Companion 会显示可以拨打或发消息的危机求助热线。你在哪个地区？这样显示的热线才对。</translation>
    </message>
    <message>
        <source>You can change this later in Preferences.</source>
        <translation>之后可以在“设置”里修改。</translation>
    </message>
    <message>
        <source>Nobody can recover your passphrase. If you forget it, only the recovery code offered right after this step can open this profile again; without both, nobody (not even a clinic's admin) can.</source>
        <translation>密码没有人能帮你找回。万一忘了，只有下一步提供的恢复码还能打开这个个人空间；两样都没有的话，任何人（包括机构的管理员）都打不开。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Closing safely: saving and closing your profile…</source>
        <translation>正在安全退出：保存并关闭你的个人空间…</translation>
    </message>
    <message>
        <source>Creating your profile… This takes a few seconds on purpose: it makes your passphrase hard to guess.</source>
        <translation>正在创建你的个人空间…需要几秒钟，这是有意为之：这样你的密码就很难被猜出来。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Save everything and close Companion (Ctrl+Q)</source>
        <translation>保存所有内容并关闭 Companion（Ctrl+Q）</translation>
    </message>
    <message>
        <source>Unlocking… checking your passphrase.</source>
        <translation>正在解锁…正在核对你的密码。</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Companion is thinking…</source>
        <translation>Companion 正在思考…</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, Esc stops the reply, Tab moves on.</source>
        <translation>按 Enter 发送，Shift+Enter 换行，Esc 停止回复，Tab 移到下一项。</translation>
    </message>
</context>
<context>
    <name>MemoryPanel</name>
    <message>
        <source>Memory</source>
        <translation>记忆</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Conversation</source>
        <translation>对话内容</translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <source>Checking the built-in model once, so it can be listed here…</source>
        <translation>正在检查自带的模型（只需一次），检查完就会列在这里…</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <source>The passphrase of the chosen profile. Enter unlocks.</source>
        <translation>所选个人空间的密码。按 Enter 解锁。</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
</context>
</TS>
