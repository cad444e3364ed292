<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>ModelsView</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Choose the language model Companion talks with. Everything stays on this computer: import a .gguf file from a folder or a USB stick, or drop it here.</source>
        <translation>选择陪伴助手用来对话的语言模型。一切都留在这台电脑上：可以从文件夹或 U 盘导入 .gguf 文件，也可以直接拖到这里。</translation>
    </message>
    <message>
        <source>Import a model…</source>
        <translation>导入模型…</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用这个模型</translation>
    </message>
    <message>
        <source>Switch to it now and load it from now on</source>
        <translation>现在就切换过去，以后也默认使用它</translation>
    </message>
    <message>
        <source>Check file</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <source>Read the file again to make sure it has not changed</source>
        <translation>重新读取文件，确认它没有被改动</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Settings for this model</source>
        <translation>这个模型的设置</translation>
    </message>
    <message>
        <source>Higher is more varied, lower is steadier</source>
        <translation>调高回答更多变，调低更稳定</translation>
    </message>
    <message>
        <source>How much of the conversation the model can keep in mind, in tokens</source>
        <translation>模型能记住多少对话内容（以词元计）</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Context (tokens)</source>
        <translation>上下文（词元）</translation>
    </message>
    <message>
        <source>Longest reply (tokens)</source>
        <translation>最长回复（词元）</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Reset to recommended</source>
        <translation>恢复推荐设置</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <source>This computer: %1 cores, %2 GB memory (%3 GB free), graphics card offload: %4</source>
        <translation>这台电脑：%1 个核心，%2 GB 内存（可用 %3 GB），显卡加速：%4</translation>
    </message>
    <message>
        <source>No models imported yet. The small built-in model is in use; import a bigger one for real conversations.</source>
        <translation>还没有导入模型。现在用的是内置的小模型；想好好聊天，请导入一个更大的模型。</translation>
    </message>
    <message>
        <source>verified: %1</source>
        <translation>已核验：%1</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>未核验</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>正在使用</translation>
    </message>
    <message>
        <source>%1 %2 · %3 · %4 MB on disk · needs about %5 GB of memory · trained context %6</source>
        <translation>%1 %2 · %3 · 占用磁盘 %4 MB · 约需 %5 GB 内存 · 训练上下文 %6</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>许可：%1</translation>
    </message>
    <message>
        <source>This model has no chat template; a generic one is used and replies may be poorer.</source>
        <translation>这个模型没有自带对话模板，会改用通用模板，回复可能差一些。</translation>
    </message>
    <message>
        <source>Less memory is free than this model needs; it may be slow.</source>
        <translation>可用内存比这个模型需要的少，运行可能会慢。</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Copying and checking the file… %1%</source>
        <translation>正在复制并检查文件… %1%</translation>
    </message>
    <message>
        <source>Reading the file to check it… %1%</source>
        <translation>正在读取文件进行检查… %1%</translation>
    </message>
    <message>
        <source>Making sure llama.cpp can read it…</source>
        <translation>正在确认 llama.cpp 能读取它…</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was added.</source>
        <translation>已取消导入，没有添加任何东西。</translation>
    </message>
    <message>
        <source>This file is not a GGUF model, so it can't be used. Model files end in .gguf.</source>
        <translation>这个文件不是 GGUF 模型，无法使用。模型文件的扩展名是 .gguf。</translation>
    </message>
    <message>
        <source>This model file is incomplete. It may not have finished copying; try copying it again.</source>
        <translation>这个模型文件不完整，可能没有复制完。请再复制一次试试。</translation>
    </message>
    <message>
        <source>This model file is damaged and can't be used.</source>
        <translation>这个模型文件已损坏，无法使用。</translation>
    </message>
    <message>
        <source>This model file uses a newer format than this app can read.</source>
        <translation>这个模型文件的格式比本应用能读取的更新。</translation>
    </message>
    <message>
        <source>This kind of model (%1) isn't supported by this version of the app.</source>
        <translation>这个版本的应用还不支持这种模型（%1）。</translation>
    </message>
    <message>
        <source>This model needs more memory than this computer has. A smaller model (for example a 3B one) will fit better.</source>
        <translation>这个模型需要的内存比这台电脑的还多。换一个小一些的模型（比如 3B 的）会更合适。</translation>
    </message>
    <message>
        <source>The model engine stopped while reading this file, so it is probably damaged. Companion is still running.</source>
        <translation>模型引擎在读取这个文件时停止了，文件很可能已损坏。陪伴助手仍在正常运行。</translation>
    </message>
    <message>
        <source>This model could not be loaded, so it wasn't added.</source>
        <translation>这个模型无法加载，所以没有添加。</translation>
    </message>
    <message>
        <source>The file could not be read or copied. Check that the disk has room and try again.</source>
        <translation>无法读取或复制这个文件。请确认磁盘还有空间，然后再试一次。</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was changed.</source>
        <translation>出了点问题，没有做任何改动。</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 was added. Choose “Use this model” to talk with it.</source>
        <translation>已添加 %1。选择“使用这个模型”就可以用它聊天。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Switching to %1. The conversation carries on with it.</source>
        <translation>正在切换到 %1，对话会接着进行。</translation>
    </message>
    <message>
        <source>The file of this model is no longer there.</source>
        <translation>这个模型的文件已经不在了。</translation>
    </message>
    <message>
        <source>The file is unchanged since it was imported.</source>
        <translation>文件自导入以来没有变化。</translation>
    </message>
    <message>
        <source>The file has changed since it was imported. Import it again if you trust where it came from.</source>
        <translation>文件在导入后被改动过。如果你信任它的来源，请重新导入。</translation>
    </message>
    <message>
        <source>Its copy in Companion's models folder will be deleted.</source>
        <translation>陪伴助手模型文件夹里的副本会被删除。</translation>
    </message>
    <message>
        <source>The file itself stays where it is.</source>
        <translation>原文件会保留在原处。</translation>
    </message>
    <message>
        <source>Remove this model?</source>
        <translation>移除这个模型？</translation>
    </message>
    <message>
        <source>Remove %1 from the library?</source>
        <translation>要从模型库中移除 %1 吗？</translation>
    </message>
    <message>
        <source>Your conversations are not affected.</source>
        <translation>你的对话不会受影响。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>The model could not be removed. Check the disk and try again.</source>
        <translation>无法移除这个模型。请检查磁盘后再试一次。</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>已移除 %1。</translation>
    </message>
    <message>
        <source>Saved. The new settings apply the next time this model loads.</source>
        <translation>已保存。新设置会在下次加载这个模型时生效。</translation>
    </message>
    <message>
        <source>Back to the recommended settings for this computer.</source>
        <translation>已恢复为适合这台电脑的推荐设置。</translation>
    </message>
</context>
</TS>
