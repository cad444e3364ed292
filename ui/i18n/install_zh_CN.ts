<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- Installing and the About dialog (issue 13). -->
<context>
    <name>MainWindow</name>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>About Companion</source>
        <translation>关于 Companion</translation>
    </message>
    <message>
        <source>Companion %1</source>
        <translation>Companion %1</translation>
    </message>
    <message>
        <source>An AI companion, not a therapist.</source>
        <translation>这是 AI 陪伴助手，不是心理治疗师。</translation>
    </message>
    <message>
        <source>No network, ever</source>
        <translation>永远不联网</translation>
    </message>
    <message>
        <source>Companion never connects to the internet or to any network. There are no updates to fetch, no accounts, no analytics and nothing to download: it works with the cable pulled, and what you write stays on this computer, encrypted.</source>
        <translation>Companion 从不连接互联网或任何网络：不检查更新，没有账号，不做任何统计，也没有什么需要下载。拔掉网线也照常使用，你写下的一切都加密保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Model in use</source>
        <translation>正在使用的模型</translation>
    </message>
    <message>
        <source>Your data folder</source>
        <translation>你的数据文件夹</translation>
    </message>
    <message>
        <source>Uninstalling Companion does not delete this folder: your profiles stay there until you delete it yourself.</source>
        <translation>卸载 Companion 不会删除这个文件夹：你的个人档案会一直保留在那里，直到你自己删除它。</translation>
    </message>
    <message>
        <source>Third-party notices</source>
        <translation>第三方组件声明</translation>
    </message>
    <message>
        <source>No model: chat is unavailable; everything else works.</source>
        <translation>没有模型：暂时无法聊天，其他功能都能正常使用。</translation>
    </message>
    <message>
        <source>%1 · the model file does not state its licence</source>
        <translation>%1 · 模型文件没有注明许可证</translation>
    </message>
    <message>
        <source>%1 · licence: %2</source>
        <translation>%1 · 许可证：%2</translation>
    </message>
</context>
</TS>
