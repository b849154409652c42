// Strings of date and time entry (the office's format and time zone) and of a refused single sign-on:
// [kk, ru, en], spread into messages.ts.

export const entryMessages = {
  "dateEntry.dateFormat": ["кк.аа.жжжж", "дд.мм.гггг", "dd.mm.yyyy"],
  "dateEntry.dateTimeFormat": ["кк.аа.жжжж сс:мм", "дд.мм.гггг чч:мм", "dd.mm.yyyy hh:mm"],
  "dateEntry.dateTimeSecondsFormat": ["кк.аа.жжжж сс:мм:сс", "дд.мм.гггг чч:мм:сс", "dd.mm.yyyy hh:mm:ss"],
  "dateEntry.zone": ["{format}, {zone}", "{format}, {zone}", "{format}, {zone}"],
  "validation.date": ["Күнді кк.аа.жжжж түрінде жазыңыз.", "Введите дату в виде дд.мм.гггг.", "Enter the date as dd.mm.yyyy."],
  "validation.dateTime": ["Күн мен уақытты кк.аа.жжжж сс:мм түрінде жазыңыз.", "Введите дату и время в виде дд.мм.гггг чч:мм.", "Enter the date and time as dd.mm.yyyy hh:mm."],

  "signIn.ssoRefused.no-role": [
    "Ұйымыңыздың тіркелгісімен кірдіңіз, бірақ оның бірде-бір тобы CrisisCenter-ге рұқсат бермейді. Әкімшіге жүгініп, CrisisCenter тобына (баспасөз хатшылары, бекітушілер немесе бақылаушылар) қосылуды сұраңыз.",
    "Вы вошли учётной записью организации, но ни одна из её групп не даёт доступа к CrisisCenter. Попросите администратора добавить вас в группу CrisisCenter (пресс-секретари, утверждающие или наблюдатели).",
    "You signed in with your organisation account, but none of its groups gives access to CrisisCenter. Ask your administrator to add you to a CrisisCenter group (press officers, approvers or observers).",
  ],
  "signIn.ssoRefused.no-agency": [
    "Ұйымыңыздың тіркелгісінде CrisisCenter білетін мекеме көрсетілмеген. Әкімшіге жүгініңіз.",
    "В учётной записи организации не указано ведомство, известное CrisisCenter. Обратитесь к администратору.",
    "Your organisation account names no agency CrisisCenter knows. Ask your administrator.",
  ],
  "signIn.ssoRefused.disabled": [
    "Бұл тіркелгі CrisisCenter-де ажыратылған. Әкімшіге жүгініңіз.",
    "Эта учётная запись отключена в CrisisCenter. Обратитесь к администратору.",
    "This account is disabled in CrisisCenter. Ask your administrator.",
  ],
  "signIn.ssoRefused.title": ["Кіруге рұқсат берілмеді", "Вход не разрешён", "Sign-in refused"],
} as const satisfies Record<string, readonly [string, string, string]>;
