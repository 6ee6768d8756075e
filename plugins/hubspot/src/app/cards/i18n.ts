// Copied from plugins/shared/src/i18n.ts by scripts/sync-i18n.mjs: edit that file, then run npm run build.
export const languages = ["en", "es", "fr", "de", "zh"] as const;
export type Language = (typeof languages)[number];

const en = {
  title: "Sales coach",
  start: "Start coaching",
  end: "End and summarize",
  statusIdle: "Not started",
  statusConnecting: "Connecting…",
  statusLive: "Live",
  statusReconnecting: "Reconnecting…",
  statusCompleted: "Completed",
  tipsHeading: "Live tips",
  noTips: "Tips appear here as the conversation goes on.",
  contentHeading: "Recommended content",
  noContent: "No recommendations yet.",
  why: "Why",
  open: "Open",
  share: "Share",
  helpful: "Helpful",
  notHelpful: "Not helpful",
  thanks: "Thanks for the feedback",
  linkCopied: "Link copied",
  metricsHeading: "Conversation",
  talkRatio: "Talk ratio",
  talkRatioLabel: "Rep {rep}%, customer {customer}%",
  rep: "Rep",
  customer: "Customer",
  longestMonologue: "Longest monologue",
  questions: "Questions (rep / customer)",
  wordsPerMinute: "Words per minute",
  fillerPerMinute: "Filler words per minute",
  interruptions: "Interruptions",
  patience: "Patience",
  switches: "Speaker switches per minute",
  summaryHeading: "Summary",
  nextSteps: "Next steps",
  signals: "Signals",
  contentUsed: "Content used",
  severityInfo: "Info",
  severitySuggest: "Suggestion",
  severityWarn: "Warning",
  errorGeneric: "Something went wrong: {detail}",
  errorSession: "Your session has expired. Please reload the page.",
  errorNetwork: "The coach cannot reach the server right now. It will keep trying.",
  sessionGone: "This coaching session is no longer available.",
  dismiss: "Dismiss",
  seconds: "{n} s",
};

export type StringKey = keyof typeof en;
export const stringKeys = Object.keys(en) as StringKey[];
type Strings = Record<StringKey, string>;

const es: Strings = {
  title: "Coach de ventas",
  start: "Iniciar coaching",
  end: "Finalizar y resumir",
  statusIdle: "Sin iniciar",
  statusConnecting: "Conectando…",
  statusLive: "En directo",
  statusReconnecting: "Reconectando…",
  statusCompleted: "Finalizada",
  tipsHeading: "Consejos en directo",
  noTips: "Los consejos aparecerán aquí durante la conversación.",
  contentHeading: "Contenido recomendado",
  noContent: "Aún no hay recomendaciones.",
  why: "Motivo",
  open: "Abrir",
  share: "Compartir",
  helpful: "Útil",
  notHelpful: "No es útil",
  thanks: "Gracias por tu opinión",
  linkCopied: "Enlace copiado",
  metricsHeading: "Conversación",
  talkRatio: "Proporción de habla",
  talkRatioLabel: "Vendedor {rep} %, cliente {customer} %",
  rep: "Vendedor",
  customer: "Cliente",
  longestMonologue: "Monólogo más largo",
  questions: "Preguntas (vendedor / cliente)",
  wordsPerMinute: "Palabras por minuto",
  fillerPerMinute: "Muletillas por minuto",
  interruptions: "Interrupciones",
  patience: "Paciencia",
  switches: "Cambios de turno por minuto",
  summaryHeading: "Resumen",
  nextSteps: "Próximos pasos",
  signals: "Señales",
  contentUsed: "Contenido usado",
  severityInfo: "Información",
  severitySuggest: "Sugerencia",
  severityWarn: "Advertencia",
  errorGeneric: "Algo salió mal: {detail}",
  errorSession: "Tu sesión ha caducado. Vuelve a cargar la página.",
  errorNetwork: "El coach no puede conectar con el servidor ahora. Seguirá intentándolo.",
  sessionGone: "Esta sesión de coaching ya no está disponible.",
  dismiss: "Cerrar",
  seconds: "{n} s",
};

const fr: Strings = {
  title: "Coach commercial",
  start: "Démarrer le coaching",
  end: "Terminer et résumer",
  statusIdle: "Non démarré",
  statusConnecting: "Connexion…",
  statusLive: "En direct",
  statusReconnecting: "Reconnexion…",
  statusCompleted: "Terminé",
  tipsHeading: "Conseils en direct",
  noTips: "Les conseils s'affichent ici au fil de la conversation.",
  contentHeading: "Contenus recommandés",
  noContent: "Aucune recommandation pour l'instant.",
  why: "Pourquoi",
  open: "Ouvrir",
  share: "Partager",
  helpful: "Utile",
  notHelpful: "Pas utile",
  thanks: "Merci pour votre avis",
  linkCopied: "Lien copié",
  metricsHeading: "Conversation",
  talkRatio: "Temps de parole",
  talkRatioLabel: "Commercial {rep} %, client {customer} %",
  rep: "Commercial",
  customer: "Client",
  longestMonologue: "Plus long monologue",
  questions: "Questions (commercial / client)",
  wordsPerMinute: "Mots par minute",
  fillerPerMinute: "Mots de remplissage par minute",
  interruptions: "Interruptions",
  patience: "Patience",
  switches: "Changements de locuteur par minute",
  summaryHeading: "Résumé",
  nextSteps: "Prochaines étapes",
  signals: "Signaux",
  contentUsed: "Contenus utilisés",
  severityInfo: "Info",
  severitySuggest: "Suggestion",
  severityWarn: "Attention",
  errorGeneric: "Un problème est survenu : {detail}",
  errorSession: "Votre session a expiré. Veuillez recharger la page.",
  errorNetwork: "Le coach ne peut pas joindre le serveur pour le moment. Il réessaie.",
  sessionGone: "Cette session de coaching n'est plus disponible.",
  dismiss: "Fermer",
  seconds: "{n} s",
};

const de: Strings = {
  title: "Vertriebscoach",
  start: "Coaching starten",
  end: "Beenden und zusammenfassen",
  statusIdle: "Nicht gestartet",
  statusConnecting: "Verbinde…",
  statusLive: "Live",
  statusReconnecting: "Verbinde erneut…",
  statusCompleted: "Abgeschlossen",
  tipsHeading: "Live-Tipps",
  noTips: "Tipps erscheinen hier im Verlauf des Gesprächs.",
  contentHeading: "Empfohlene Inhalte",
  noContent: "Noch keine Empfehlungen.",
  why: "Warum",
  open: "Öffnen",
  share: "Teilen",
  helpful: "Hilfreich",
  notHelpful: "Nicht hilfreich",
  thanks: "Danke für das Feedback",
  linkCopied: "Link kopiert",
  metricsHeading: "Gespräch",
  talkRatio: "Redeanteil",
  talkRatioLabel: "Vertrieb {rep} %, Kunde {customer} %",
  rep: "Vertrieb",
  customer: "Kunde",
  longestMonologue: "Längster Monolog",
  questions: "Fragen (Vertrieb / Kunde)",
  wordsPerMinute: "Wörter pro Minute",
  fillerPerMinute: "Füllwörter pro Minute",
  interruptions: "Unterbrechungen",
  patience: "Geduld",
  switches: "Sprecherwechsel pro Minute",
  summaryHeading: "Zusammenfassung",
  nextSteps: "Nächste Schritte",
  signals: "Signale",
  contentUsed: "Verwendete Inhalte",
  severityInfo: "Info",
  severitySuggest: "Vorschlag",
  severityWarn: "Warnung",
  errorGeneric: "Etwas ist schiefgelaufen: {detail}",
  errorSession: "Ihre Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.",
  errorNetwork: "Der Coach erreicht den Server gerade nicht. Er versucht es weiter.",
  sessionGone: "Diese Coaching-Sitzung ist nicht mehr verfügbar.",
  dismiss: "Schließen",
  seconds: "{n} s",
};

const zh: Strings = {
  title: "销售教练",
  start: "开始辅导",
  end: "结束并生成总结",
  statusIdle: "未开始",
  statusConnecting: "正在连接…",
  statusLive: "实时",
  statusReconnecting: "正在重新连接…",
  statusCompleted: "已结束",
  tipsHeading: "实时提示",
  noTips: "对话进行时，提示会显示在这里。",
  contentHeading: "推荐内容",
  noContent: "暂无推荐。",
  why: "原因",
  open: "打开",
  share: "分享",
  helpful: "有帮助",
  notHelpful: "没有帮助",
  thanks: "感谢您的反馈",
  linkCopied: "链接已复制",
  metricsHeading: "对话",
  talkRatio: "发言占比",
  talkRatioLabel: "销售 {rep}%，客户 {customer}%",
  rep: "销售",
  customer: "客户",
  longestMonologue: "最长独白",
  questions: "提问（销售 / 客户）",
  wordsPerMinute: "每分钟字数",
  fillerPerMinute: "每分钟口头禅",
  interruptions: "打断次数",
  patience: "等待时间",
  switches: "每分钟发言切换",
  summaryHeading: "总结",
  nextSteps: "下一步",
  signals: "信号",
  contentUsed: "使用的内容",
  severityInfo: "信息",
  severitySuggest: "建议",
  severityWarn: "警告",
  errorGeneric: "出现问题：{detail}",
  errorSession: "您的会话已过期，请重新加载页面。",
  errorNetwork: "教练暂时无法连接服务器，正在重试。",
  sessionGone: "此辅导会话已不可用。",
  dismiss: "关闭",
  seconds: "{n} 秒",
};

const catalog: Record<Language, Strings> = { en, es, fr, de, zh };

/** Windows LCIDs Dynamics reports in userSettings.languageId, by primary language. */
const lcids: Record<number, Language> = {
  1033: "en", 2057: "en", 3081: "en", 4105: "en",
  3082: "es", 1034: "es", 2058: "es",
  1036: "fr", 3084: "fr", 2060: "fr", 4108: "fr",
  1031: "de", 2055: "de", 3079: "de",
  2052: "zh", 4100: "zh", 1028: "zh", 3076: "zh", 5124: "zh",
};

/**
 * The UI language for a CRM's language setting: a BCP 47 tag ("fr-FR"), a Salesforce
 * locale ("zh_CN", "en_US") or a Dynamics LCID (1036). Anything else falls back to English.
 */
export function resolveLanguage(value: string | number | null | undefined): Language {
  if (typeof value === "number") return lcids[value] ?? "en";
  if (!value) return "en";
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return lcids[Number(trimmed)] ?? "en";
  const primary = trimmed.toLowerCase().split(/[-_]/)[0] ?? "";
  return (languages as readonly string[]).includes(primary) ? (primary as Language) : "en";
}

export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const strings = catalog[language];
  return (key, values) => {
    let text = strings[key] ?? en[key];
    if (values) for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, String(value));
    return text;
  };
}

/** BCP 47 tag for the document's lang attribute (zh is Simplified Chinese). */
export function htmlLang(language: Language): string {
  return language === "zh" ? "zh-Hans" : language;
}
