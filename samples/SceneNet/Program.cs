System.Console.WriteLine(new SceneNet.SceneModel().GetName());
