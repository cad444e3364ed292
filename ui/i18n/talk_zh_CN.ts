<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChatView</name>
    <message>
        <source>Get a better model</source>
        <translation>获取更好的模型</translation>
    </message>
    <message>
        <source>Guided conversation: no language model is loaded, so replies follow a short guide built on CBT skills. They are scripted, not generated.</source>
        <translation>引导式对话：目前没有加载语言模型，回复会按一套基于 CBT 技巧的简短引导来写，是预先写好的，不是模型生成的。</translation>
    </message>
    <message>
        <source>Guided conversation: this model can't talk freely in this language yet, so replies follow a short guide built on CBT skills. They are scripted, not generated.</source>
        <translation>引导式对话：当前模型还不能用这种语言自由交谈，回复会按一套基于 CBT 技巧的简短引导来写，是预先写好的，不是模型生成的。</translation>
    </message>
    <message>
        <source>Replies are written by the language model on this computer and checked before you see them.</source>
        <translation>回复由这台电脑上的语言模型生成，在你看到之前都会先经过检查。</translation>
    </message>
    <message>
        <source>guided reply (scripted, not generated)</source>
        <translation>引导式回复（预先写好，不是模型生成的）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>no model installed · guided conversation; everything else works</source>
        <translation>未安装模型 · 使用引导式对话；其他功能都能正常使用</translation>
    </message>
    <message>
        <source>model unavailable: %1 · guided conversation</source>
        <translation>模型无法使用：%1 · 使用引导式对话</translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <source>Check how it talks</source>
        <translation>测试对话能力</translation>
    </message>
    <message>
        <source>Ask the model in use ten short questions in English and in Chinese and check its replies (a few minutes)</source>
        <translation>用英文和中文各问当前模型十个简短的问题，并检查它的回复（需要几分钟）</translation>
    </message>
    <message>
        <source>Get a better model…</source>
        <translation>获取更好的模型…</translation>
    </message>
    <message>
        <source>Which models talk freely, and how to bring one to this computer</source>
        <translation>哪些模型可以自由交谈，以及怎样把模型带到这台电脑上</translation>
    </message>
    <message>
        <source>Checking how the model talks… You can keep using Companion meanwhile.</source>
        <translation>正在测试模型的对话能力……在此期间可以照常使用 Companion。</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>guided only (this model writes it poorly)</source>
        <translation>只能引导式对话（这个模型写不好这种语言）</translation>
    </message>
    <message>
        <source>Conversation: %1</source>
        <translation>对话能力：%1</translation>
    </message>
    <message>
        <source>Checked. The model's conversation results are shown in the list.</source>
        <translation>测试完成。模型的对话能力结果已显示在列表中。</translation>
    </message>
    <message>
        <source>Load a model first: nothing is loaded to check.</source>
        <translation>请先加载一个模型：现在没有可以测试的模型。</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>尚未测试</translation>
    </message>
    <message>
        <source>talks freely (%1)</source>
        <translation>可以自由交谈（%1）</translation>
    </message>
    <message>
        <source>guided only (%1)</source>
        <translation>只能引导式对话（%1）</translation>
    </message>
</context>
<context>
    <name>BetterModelPage</name>
    <message>
        <source>Get a better model</source>
        <translation>获取更好的模型</translation>
    </message>
    <message>
        <source>The models built into Companion are tiny: they prove the app works, but they cannot hold a real conversation, so Companion talks with you through a short guided conversation built on CBT skills instead. A model of 1 to 4 billion parameters talks freely. This app downloads nothing: on another computer, download one of these files from its publisher (most share them on Hugging Face), bring it over (a USB stick works), then import it on the Models page or drop the file there. Companion keeps working meanwhile.</source>
        <translation>Companion 内置的模型非常小：它们能证明应用可以正常运行，但没法真正聊天，所以 Companion 会改用一套基于 CBT 技巧的简短引导式对话来陪你聊。10 亿到 40 亿参数的模型可以自由交谈。这个应用不会下载任何东西：请在另一台电脑上，从发布者那里下载下面的某个文件（大多发布在 Hugging Face 上），拷过来（用 U 盘就行），然后在“模型”页面导入，或者直接把文件拖到那里。在此期间 Companion 照常可用。</translation>
    </message>
    <message>
        <source>If you write in Chinese, choose Qwen2.5: it writes Chinese well.</source>
        <translation>如果你用中文交流，请选 Qwen2.5：它的中文写得很好。</translation>
    </message>
    <message>
        <source>about %1 GB</source>
        <translation>约 %1 GB</translation>
    </message>
    <message>
        <source>Needs about %1 GB of memory</source>
        <translation>需要约 %1 GB 内存</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>大小：%1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256：%1</translation>
    </message>
    <message>
        <source>no published hash could be cited; an imported copy is labelled unverified</source>
        <translation>没有可以引用的公开哈希值；导入的副本会标为“未验证”</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>许可证：%1</translation>
    </message>
    <message>
        <source>Published as: %1</source>
        <translation>发布来源：%1</translation>
    </message>
    <message>
        <source>fits on this computer now</source>
        <translation>这台电脑目前的空闲内存够用</translation>
    </message>
    <message>
        <source>more than this computer has free now</source>
        <translation>超过这台电脑目前的空闲内存</translation>
    </message>
    <message>
        <source>already built in</source>
        <translation>已内置</translation>
    </message>
</context>
<context>
    <name>BetterModelDialog</name>
    <message>
        <source>Get a better model</source>
        <translation>获取更好的模型</translation>
    </message>
</context>
</TS>
