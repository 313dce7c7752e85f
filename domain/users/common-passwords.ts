/**
 * Passwords that appear near the top of published breach lists, plus variants people reach for when
 * told to use 12 characters or more. Stored lower-case and compared case-insensitively, because
 * "Password1234" is no harder to guess than "password1234". A small list on purpose: it catches the
 * passwords attackers try first without shipping a breach corpus.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111", "1234567", "dragon", "123123", "baseball", "abc123",
  "football", "monkey", "letmein", "696969", "shadow", "master", "666666", "qwertyuiop", "123321", "mustang", "1234567890", "michael", "654321",
  "superman", "1qaz2wsx", "7777777", "121212", "000000", "qazwsx", "123qwe", "killer", "trustno1", "jordan", "jennifer", "zxcvbnm", "asdfgh",
  "hunter", "buster", "soccer", "harley", "batman", "andrew", "tigger", "sunshine", "iloveyou", "2000", "charlie", "robert", "thomas", "hockey",
  "ranger", "daniel", "starwars", "klaster", "112233", "george", "computer", "michelle", "jessica", "pepper", "1111", "zxcvbn", "555555", "11111111",
  "131313", "freedom", "777777", "pass", "maggie", "159753", "aaaaaa", "ginger", "princess", "joshua", "cheese", "amanda", "summer", "love",
  "ashley", "nicole", "chelsea", "biteme", "matthew", "access", "yankees", "987654321", "dallas", "austin", "thunder", "taylor", "matrix",
  "minecraft", "welcome", "welcome1", "password1", "password123", "admin", "admin123", "login", "abc123456", "qwerty123", "1q2w3e4r", "1q2w3e4r5t",
  "football1", "monkey1", "letmein1", "iloveyou1", "sunshine1", "princess1", "dragon1", "master1", "shadow1", "baseball1", "superman1", "qwerty1",
  "trustno1!", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "changeme", "secret", "whatever", "zaq12wsx", "1qazxsw2", "qwe123", "asdf1234",
  "q1w2e3r4", "q1w2e3r4t5", "987654", "123654", "147258369", "159357", "1234qwer", "azerty", "solo", "starwars1", "flower", "hottie", "lovely",
  "loveme", "hello", "hello123", "charlie1", "donald", "google", "samsung", "apple", "password1234", "password12345", "password123456",
  "passwordpassword", "password1234567", "password12345678", "mypassword123", "mypassword1234", "thisismypassword", "password!234", "password1234!",
  "password123!", "p@ssw0rd1234", "p@ssword1234", "passw0rd1234", "123456789012", "1234567890123", "12345678901234", "123456123456", "123123123123",
  "111111111111", "000000000000", "121212121212", "123412341234", "987654321098", "098765432121", "qwertyuiop12", "qwertyuiop123", "qwertyuiop1234",
  "qwertyuiopasdf", "qwertyuiopasdfgh", "qwertyuiopasdfghjkl", "qwertyuiopasdfghjklzxcvbnm", "qwerty123456", "qwerty1234567", "qwerty12345678",
  "qwertyqwerty", "qwertyqwerty1", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "zaq12wsxcde3", "zaq1zaq1zaq1", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u",
  "1q2w3e4r5t6y7u8i", "q1w2e3r4t5y6", "q1w2e3r4t5y6u7", "asdfghjkl123", "asdfghjkl1234", "asdfasdfasdf", "asdf1234asdf", "zxcvbnm12345",
  "zxcvbnm123456", "abcdefghijkl", "abcdefghijklm", "abcdefghijklmnop", "abc123abc123", "abcd1234abcd", "abcdefg12345", "abcdef123456",
  "iloveyou1234", "iloveyou12345", "iloveyouforever", "iloveyoubaby", "iloveyousomuch", "iloveyou2much", "iloveyoutoo", "ilovemyfamily",
  "ilovemymom", "ilovemydog", "ilovemykids", "ilovemyself", "ilovejesus", "ilovegod1234", "iloveyouall", "letmein12345", "letmein123456",
  "letmeinnow123", "welcome12345", "welcome123456", "welcometo1234", "welcomehome1", "welcome@1234", "welcome2024!", "welcome2025!", "welcome2026!",
  "changeme1234", "changeme12345", "changemenow1", "changeme@123", "administrator", "admin1234567", "administrator1", "adminadmin123",
  "adminpassword", "rootpassword", "root12345678", "superuser123", "sunshine1234", "sunshine12345", "princess1234", "princess12345", "football1234",
  "football12345", "baseball1234", "basketball12", "basketball123", "basketball1234", "monkey123456", "dragon123456", "master123456", "shadow123456",
  "superman1234", "batman123456", "starwars1234", "starwars12345", "pokemon12345", "minecraft123", "minecraft1234", "fortnite1234", "liverpool1234",
  "chelsea12345", "arsenal12345", "manchester12", "manchesterunited", "manutd123456", "tottenham123", "summer2024!!", "summer123456", "winter123456",
  "spring123456", "autumn123456", "january12345", "december1234", "september123", "november1234", "monday123456", "friday123456", "christmas123",
  "christmas2025", "happybirthday", "happyday1234", "happiness123", "goodmorning1", "goodluck1234", "helloworld12", "helloworld123",
  "helloworld1234", "hellohello12", "hellokitty123", "football2024", "football2025", "passwordabc1", "secretpassword", "secret123456",
  "supersecret1", "supersecret123", "topsecret123", "trustno1trustno1", "nopassword12", "mysecretpass", "openthedoor1", "opensesame12",
  "computer1234", "internet1234", "whatever1234", "nothing12345", "anything1234", "something123", "everything12", "blahblahblah", "qazwsxedcrfv",
  "qazwsxedc123", "qweasdzxc123", "qweasdzxc1234", "1234qwerasdf", "1234qwerasdfzxcv", "qwer1234asdf", "zxcvbnmasdfghjkl", "mnbvcxzlkjhgfdsa",
  "poiuytrewq12", "0987654321qw", "1a2b3c4d5e6f", "a1b2c3d4e5f6", "aaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", "1111111111111", "7777777777777",
  "999999999999", "888888888888", "666666666666", "555555555555", "222222222222", "333333333333", "444444444444", "abcabcabcabc", "testtesttest",
  "test12345678", "testing12345", "testing123456", "test@1234567", "guest1234567", "user12345678", "default12345", "temporary123", "temp12345678",
  "correcthorsebatterystaple", "correcthorse123", "trustnoone123", "theblackcat1", "blackdragon1", "whitetiger12", "redsoxfan123", "blink1821822",
  "lovelovelove", "loveyou12345", "loveyouforever", "mylove123456", "sweetheart12", "babygirl1234", "babygirl12345", "jesuschrist1", "jesuslovesme",
  "jesus1234567", "blessed12345", "godisgood123", "princesa1234", "mariposa1234", "teamo1234567", "contraseña123", "contrasena123", "motdepasse123",
  "passwort1234", "wachtwoord123", "unitedkingdom", "london123456", "london2012!!", "englandfootball", "scotland1234", "manchester1234",
  "birmingham12", "newcastle123", "cambridge123", "oxford123456", "universityof1", "student12345", "teacher12345", "doctor123456", "password2020",
  "password2021", "password2022", "password2023", "password2024", "password2025", "password2026", "password2024!", "password2025!", "password2026!",
  "spring2025!!", "summer2025!!", "autumn2025!!", "winter2025!!", "spring2026!!", "summer2026!!", "qwerty2025!!", "letmein2025!", "company12345",
  "company123456", "office123456", "business1234", "finance12345", "lawyer123456", "solicitor123", "solicitor1234", "barrister123", "lawfirm12345",
  "legalteam123", "casework1234", "ipcasework123", "regulator123", "intellectualproperty", "trademark1234", "copyright123", "copyright1234",
  "patent123456", "tradesecret1",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
